// purpose: for each code key, its MUE facts in the current releases (one per setting loaded)
// params: $keys
// index: code_key (Code.system, Code.code)
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (:Code {system: key.system, code: key.code})-[m:MUE]->(rel:Release)
WHERE rel.current = true
WITH i, m, rel
ORDER BY i, m.setting
RETURN i, collect({
  setting: m.setting, value: m.value, adjudicationIndicator: m.adjudicationIndicator,
  adjudicationText: m.adjudicationText, rationale: m.rationale, release: rel.label
}) AS mues
