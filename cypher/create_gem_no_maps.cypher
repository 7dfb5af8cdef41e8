// purpose: GEM no-map rows (NoDx, NoPCS, NoI9): a fact on the source code, never a target node
// params: $rows, $rid
// index: code_key (Code.system, Code.code); release_id (Release.id)
MATCH (rel:Release {id: $rid})
UNWIND $rows AS row
MERGE (s:Code {system: row.sourceSystem, code: row.source})
  ON CREATE SET s.display = row.sourceDisplay, s.createdBy = $rid
CREATE (s)-[:NO_MAP {
  targetSystem: row.targetSystem, approximate: row.approximate, line: row.line
}]->(rel)
