// purpose: (each code also gets its version in this release) addenda deletes: the code ends the day before the fiscal year starts; kept, never deleted (a code
//          the graph never had is created closed, so its history is there)
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (c:Code {system: row.system, code: row.code})
  ON CREATE SET c.createdBy = $rid, c.display = row.display, c.kind = 'code'
SET c.terminationDate = date(row.ends), c.closedBy = $rid,
    c.releases = CASE WHEN $rid IN coalesce(c.releases, []) THEN c.releases ELSE coalesce(c.releases, []) + $rid END
WITH c
// the release id is on the relationship and the new node has no label to MERGE on: plans made inside one load
// transaction see old statistics, and must walk from the code, never scan or seek the growing versions
MERGE (c)-[:VERSION {rid: $rid}]->(v)
SET v:CodeVersion, v.rid = $rid, v.system = c.system, v.code = c.code, v.shortDescription = c.shortDescription,
    v.longDescription = c.longDescription, v.isBillable = c.isBillable, v.addedDate = c.addedDate,
    v.terminationDate = c.terminationDate
RETURN count(*) AS written, count(*) AS closed
