// purpose: MUE values: a fact on the code, tied to the release that states it
// params: $rows, $rid
// index: code_key (Code.system, Code.code); release_id (Release.id)
MATCH (rel:Release {id: $rid})
UNWIND $rows AS row
MERGE (c:Code {system: row.system, code: row.code})
  ON CREATE SET c.display = row.code, c.createdBy = $rid
CREATE (c)-[:MUE {
  setting: row.setting, value: row.value, adjudicationIndicator: row.adjudicationIndicator,
  adjudicationText: row.adjudicationText, rationale: row.rationale, line: row.line
}]->(rel)
