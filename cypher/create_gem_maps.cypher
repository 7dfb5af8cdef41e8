// purpose: GEM entries, source -> target, with the five flags (endpoints resolved by merge_code_ids)
// params: $rows, $rid
// index: none: endpoints are addressed by element id
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = row.a
MATCH (t) WHERE elementId(t) = row.b
CREATE (s)-[:MAPS_TO {
  rid: $rid, approximate: row.approximate, combination: row.combination,
  scenario: row.scenario, choiceList: row.choiceList, line: row.line
}]->(t)
RETURN count(*) AS written
