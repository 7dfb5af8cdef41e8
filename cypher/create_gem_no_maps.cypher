// purpose: GEM no-map rows (NoDx, NoPCS, NoI9): a fact on the source code, never a target node
// params: $rows, $rid
// index: release_id (Release.id); the source is addressed by element id
MATCH (rel:Release {id: $rid})
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = row.a
CREATE (s)-[:NO_MAP {
  targetSystem: row.targetSystem, approximate: row.approximate, line: row.line
}]->(rel)
RETURN count(*) AS written
