// purpose: MUE values: a fact on the code, tied to the release that states it
// params: $rows, $rid
// index: release_id (Release.id); the code is addressed by element id
MATCH (rel:Release {id: $rid})
UNWIND $rows AS row
MATCH (c) WHERE elementId(c) = row.a
CREATE (c)-[:MUE {
  setting: row.setting, value: row.value, adjudicationIndicator: row.adjudicationIndicator,
  adjudicationText: row.adjudicationText, rationale: row.rationale, line: row.line
}]->(rel)
RETURN count(*) AS written
