// purpose: for each key, one page of the code's descendants (every level below it) in code order after a
//          code cursor (key.after, '' for the first page), at most key.limit of them, and their total count
// params: $keys
// index: code_key (Code.system, Code.code)
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
CALL (c) {
  MATCH (c)<-[:CHILD_OF*1..8]-(d:Code)
  RETURN count(DISTINCT d) AS total
}
CALL (c, key) {
  MATCH (c)<-[:CHILD_OF*1..8]-(d:Code)
  WITH DISTINCT d.code AS code
  ORDER BY code
  // The cursor filters the sorted list, not the match: a predicate on d.code would let the planner start
  // from a range scan of every code and walk up to c.
  WITH collect(code) AS codes
  RETURN [x IN codes WHERE x > key.after][..key.limit] AS codes
}
RETURN i, total, codes
