// purpose: full-text search over code numbers, descriptions and ICD-10-CM index entries (a code reached by both
//          keeps its best score), codes valid on $asOf (any status when $asOf is null), ranked, after a (score, system, code) cursor
// params: $text, $systems, $asOf, $afterScore, $afterSystem, $afterCode, $limit
// index: code_public_text (full-text on Code); release_status (Release.status); index_entry_text (full-text on IndexEntry); release_current
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
OPTIONAL MATCH (s:Release {status: 'staging'})
WITH rids, collect(s.id) AS staged
CALL (rids) {
  CALL db.index.fulltext.queryNodes('code_public_text', $text) YIELD node, score
  RETURN node AS c, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('index_entry_text', $text) YIELD node, score
  WITH node, score WHERE node.rid IN rids
  MATCH (node)-[:INDEXES]->(c:Code)
  RETURN c, score
}
WITH c, staged, max(score) AS score
WHERE c.system IN $systems
  AND ($asOf IS NULL OR ((c.addedDate IS NULL OR c.addedDate <= $asOf)
       AND (c.terminationDate IS NULL OR $asOf <= c.terminationDate)))
  AND NOT (c.createdBy IN staged AND all(x IN coalesce(c.releases, []) WHERE x IN staged))
  AND (score < $afterScore OR (score = $afterScore AND (c.system > $afterSystem
       OR (c.system = $afterSystem AND c.code > $afterCode))))
WITH c, score ORDER BY score DESC, c.system, c.code
RETURN c.system AS system, c.code AS code, score
LIMIT $limit
