// purpose: guideline nodes and their links to the codes and code ranges they apply to (codes must exist)
// params: $rows, $rid
// index: guideline_id (Guideline.id); code_key (Code.system, Code.code); code_code (Code.code) for ranges
UNWIND $rows AS row
MERGE (g:Guideline {id: row.id})
SET g.title = row.title, g.body = row.body, g.source = row.source, g.url = row.url, g.release = $rid
WITH g, row
CALL (g, row) {
  UNWIND row.codes AS ref
  MATCH (c:Code {system: ref.system, code: ref.code})
  CREATE (g)-[:APPLIES_TO {rid: $rid}]->(c)
}
CALL (g, row) {
  UNWIND row.ranges AS range
  MATCH (c:Code)
    USING INDEX c:Code(code)
  WHERE c.code >= range.from AND c.code <= range.to AND c.system = range.system
  CREATE (g)-[:APPLIES_TO {rid: $rid, range: range.from + '-' + range.to}]->(c)
}
RETURN count(*) AS written
