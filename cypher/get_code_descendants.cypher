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
  WHERE d.code > key.after
  WITH DISTINCT d
  ORDER BY d.code
  WITH collect(d.code) AS codes
  RETURN codes[..key.limit] AS codes
}
RETURN i, total, codes
