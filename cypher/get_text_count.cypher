// purpose: how many codes a full-text search matches (totalCount)
// params: $text, $systems
// index: code_text (full-text on Code)
CALL db.index.fulltext.queryNodes('code_text', $text) YIELD node
WITH node WHERE node.system IN $systems
RETURN count(node) AS total
