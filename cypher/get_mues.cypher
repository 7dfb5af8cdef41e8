// purpose: for each code key, its MUE facts in the current releases (one per setting loaded); the same fact
//          stated by the sample and an official release is one answer, the official release named
// params: $keys
// index: code_key (Code.system, Code.code)
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (:Code {system: key.system, code: key.code})-[m:MUE]->(rel:Release)
WHERE rel.current = true
WITH i, m.setting AS setting, m.value AS value, m.adjudicationIndicator AS adjudicationIndicator,
     m.adjudicationText AS adjudicationText, m.rationale AS rationale, collect(rel) AS stating
WITH i, setting, value, adjudicationIndicator, adjudicationText, rationale,
     [x IN stating WHERE x.source <> 'sample'] + stating AS stating
ORDER BY i, setting, stating[0].source = 'sample'
RETURN i, collect({
  setting: setting, value: value, adjudicationIndicator: adjudicationIndicator,
  adjudicationText: adjudicationText, rationale: rationale, release: stating[0].label
}) AS mues
