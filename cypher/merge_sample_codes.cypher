// purpose: sample graph: a code with descriptions written for this project and its status dates, and its
//          version in the sample release
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (c:Code {system: row.system, code: row.code})
  ON CREATE SET c.createdBy = $rid
SET c.display = row.display, c.shortDescription = row.short, c.plainDescription = row.plain,
    c.isBillable = row.billable, c.addedDate = row.added, c.terminationDate = row.terminated,
    c.textRelease = $rid
WITH c
// the release id is on the relationship and the new node has no label to MERGE on: plans made inside one load
// transaction see old statistics, and must walk from the code, never scan or seek the growing versions
MERGE (c)-[:VERSION {rid: $rid}]->(v)
SET v:CodeVersion, v.rid = $rid, v.system = c.system, v.code = c.code, v.shortDescription = c.shortDescription,
    v.longDescription = c.longDescription, v.isBillable = c.isBillable, v.addedDate = c.addedDate,
    v.terminationDate = c.terminationDate
