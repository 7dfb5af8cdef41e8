// purpose: (each code also gets its version in this release) addenda adds and revisions: a code with its new title (and flag, from order-file addenda); a new
//          code exists from the fiscal year's start and goes under its parent when the graph has it
// params: $rows, $rid
// index: code_key (Code.system, Code.code), pinned: plans made inside one load transaction see old statistics
UNWIND $rows AS row
MERGE (c:Code {system: row.system, code: row.code})
  ON CREATE SET c.createdBy = $rid, c.addedDate = date(row.starts), c.display = row.display, c.kind = 'code'
WITH c, row, c.createdBy = $rid AS added,
     coalesce(c.longDescription, '') <> row.long
       OR coalesce(c.shortDescription, '') <> coalesce(row.short, c.shortDescription, '') AS changed
SET c.longDescription = row.long, c.shortDescription = coalesce(row.short, c.shortDescription),
    c.isBillable = coalesce(row.billable, c.isBillable), c.terminationDate = null, c.closedBy = null,
    c.textRelease = $rid,
    c.releases = CASE WHEN $rid IN coalesce(c.releases, []) THEN c.releases ELSE coalesce(c.releases, []) + $rid END
WITH c, row, added, changed
OPTIONAL MATCH (p:Code {system: row.system, code: row.parent})
  USING INDEX p:Code(system, code)
FOREACH (_ IN CASE WHEN p IS NOT NULL AND NOT EXISTS { (c)-[:CHILD_OF]->() } THEN [1] ELSE [] END |
  MERGE (c)-[r:CHILD_OF]->(p)
    ON CREATE SET r.release = $rid
)
WITH c, added, changed
// the release id is on the relationship and the new node has no label to MERGE on: plans made inside one load
// transaction see old statistics, and must walk from the code, never scan or seek the growing versions
MERGE (c)-[:VERSION {rid: $rid}]->(v)
SET v:CodeVersion, v.rid = $rid, v.system = c.system, v.code = c.code, v.shortDescription = c.shortDescription,
    v.longDescription = c.longDescription, v.isBillable = c.isBillable, v.addedDate = c.addedDate,
    v.terminationDate = c.terminationDate
RETURN count(*) AS written, sum(CASE WHEN added THEN 1 ELSE 0 END) AS added,
       sum(CASE WHEN changed AND NOT added THEN 1 ELSE 0 END) AS changed
