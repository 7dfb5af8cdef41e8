// purpose: GEM entries, source -> target, with the five flags; codes first seen here are created
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (s:Code {system: row.sourceSystem, code: row.source})
  ON CREATE SET s.display = row.sourceDisplay, s.createdBy = $rid
MERGE (t:Code {system: row.targetSystem, code: row.target})
  ON CREATE SET t.display = row.targetDisplay, t.createdBy = $rid
CREATE (s)-[:MAPS_TO {
  rid: $rid, approximate: row.approximate, combination: row.combination,
  scenario: row.scenario, choiceList: row.choiceList, line: row.line
}]->(t)
