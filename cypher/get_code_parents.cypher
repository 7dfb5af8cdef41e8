// purpose: for each code key, its parent and every ancestor up to the chapter, nearest first
// params: $keys
// index: code_key (Code.system, Code.code)
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
MATCH path = (c)-[:CHILD_OF*1..8]->(a:Code)
WITH i, length(path) AS depth, a
ORDER BY i, depth
RETURN i, collect(a.code) AS codes
