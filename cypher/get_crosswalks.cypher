// purpose: for each key, the GEM entries from the code into key.target, and its no-map facts; the same entry
//          stated by the sample and an official release is one entry, the official release named
// params: $keys, $rids, $releases
// index: code_key (Code.system, Code.code)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
UNWIND range(0, size($keys) - 1) AS i
WITH $rids AS rids, $releases AS releases, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
CALL (c, key, rids, releases) {
  MATCH (c)-[m:MAPS_TO]->(t:Code {system: key.target})
  WHERE any(id IN rids WHERE id = m.rid)
  RETURN t.system AS system, t.code AS code, t.display AS display, m.approximate AS approximate,
         false AS noMap, m.combination AS combination, m.scenario AS scenario, m.choiceList AS choiceList,
         releases[m.rid] AS release
  UNION ALL
  MATCH (c)-[m:NO_MAP {targetSystem: key.target}]->(r:Release)
  WHERE any(id IN rids WHERE id = r.id)
  RETURN key.target AS system, null AS code, null AS display, m.approximate AS approximate,
         true AS noMap, false AS combination, 0 AS scenario, 0 AS choiceList, releases[r.id] AS release
}
WITH i, c, system, code, display, approximate, noMap, combination, scenario, choiceList, collect(release) AS stating
WITH i, c, system, code, display, approximate, noMap, combination, scenario, choiceList,
     ([x IN stating WHERE x.source <> 'sample'] + stating)[0].label AS release
ORDER BY i, scenario, choiceList, code
RETURN i, collect({
  fromSystem: c.system, fromCode: c.code, system: system, code: code, display: display,
  approximate: approximate, noMap: noMap,
  combination: combination, scenario: scenario, choiceList: choiceList, release: release
}) AS entries
