// purpose: for each key, the GEM paths of 1 to key.maxHops (at most 3) MAPS_TO steps from the code to codes of
//          key.target, through current releases, never visiting a code twice; each step with its flags.
//          Shortest first, and of one length those through official releases before the sample's, so that
//          the limit keeps the shortest paths and a path stated twice is first met as the official one
// params: $keys, $limit
// index: code_key (Code.system, Code.code); release_current (Release.current)
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids, collect(rel) AS releases
UNWIND range(0, size($keys) - 1) AS i
WITH rids, releases, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
CALL (c, key, rids, releases) {
  MATCH p = (c)-[:MAPS_TO*1..3]->(t:Code)
  WHERE t.system = key.target AND length(p) <= key.maxHops AND t <> c
    AND all(m IN relationships(p) WHERE m.rid IN rids)
    AND all(n IN nodes(p) WHERE single(x IN nodes(p) WHERE x = n))
  WITH p, size([m IN relationships(p) WHERE [x IN releases WHERE x.id = m.rid][0].source = 'sample']) AS fromSample
  ORDER BY length(p), fromSample
  LIMIT $limit
  RETURN [m IN relationships(p) | {
    fromSystem: startNode(m).system, fromCode: startNode(m).code,
    system: endNode(m).system, code: endNode(m).code, display: endNode(m).display,
    approximate: m.approximate, combination: m.combination, scenario: m.scenario, choiceList: m.choiceList,
    release: [x IN releases WHERE x.id = m.rid][0].label
  }] AS hops
}
RETURN i, collect(hops) AS paths
