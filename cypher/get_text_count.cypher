// purpose: how many codes a full-text search matches on $asOf (totalCount), index entries included
// params: $text, $systems, $asOf
// index: code_public_text (full-text on Code); release_status (Release.status); index_entry_text (full-text on IndexEntry); release_current
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
OPTIONAL MATCH (s:Release {status: 'staging'})
WITH rids, collect(s.id) AS staged
CALL (rids) {
  CALL db.index.fulltext.queryNodes('code_public_text', $text) YIELD node
  RETURN node AS c
  UNION ALL
  CALL db.index.fulltext.queryNodes('index_entry_text', $text) YIELD node
  WITH node WHERE node.rid IN rids
  MATCH (node)-[:INDEXES]->(c:Code)
  RETURN c
}
WITH DISTINCT c, staged
WHERE c.system IN $systems
  AND ($asOf IS NULL OR ((c.addedDate IS NULL OR c.addedDate <= $asOf)
       AND (c.terminationDate IS NULL OR $asOf <= c.terminationDate)))
  AND NOT (c.createdBy IN staged AND all(x IN coalesce(c.releases, []) WHERE x IN staged))
RETURN count(c) AS total
