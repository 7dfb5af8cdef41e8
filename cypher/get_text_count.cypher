// purpose: how many codes a full-text search matches on $asOf (totalCount), index entries included
// params: $text, $systems, $asOf
// index: code_text (full-text on Code); index_entry_text (full-text on IndexEntry); release_current
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
CALL (rids) {
  CALL db.index.fulltext.queryNodes('code_text', $text) YIELD node
  RETURN node AS c
  UNION ALL
  CALL db.index.fulltext.queryNodes('index_entry_text', $text) YIELD node
  WITH node WHERE node.rid IN rids
  MATCH (node)-[:INDEXES]->(c:Code)
  RETURN c
}
WITH DISTINCT c
WHERE c.system IN $systems
  AND ($asOf IS NULL OR ((c.addedDate IS NULL OR c.addedDate <= $asOf)
       AND (c.terminationDate IS NULL OR $asOf <= c.terminationDate)))
RETURN count(c) AS total
