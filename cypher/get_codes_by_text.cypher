// purpose: full-text search over code numbers and descriptions, ranked, after a (score, system, code) cursor
// params: $text, $systems, $afterScore, $afterSystem, $afterCode, $limit
// index: code_text (full-text on Code)
CALL db.index.fulltext.queryNodes('code_text', $text) YIELD node, score
WHERE node.system IN $systems
  AND (score < $afterScore OR (score = $afterScore AND (node.system > $afterSystem
       OR (node.system = $afterSystem AND node.code > $afterCode))))
WITH node, score ORDER BY score DESC, node.system, node.code
RETURN node.system AS system, node.code AS code, score
LIMIT $limit
