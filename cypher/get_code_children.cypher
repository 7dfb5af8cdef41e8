// purpose: for each code key, its children in code order
// params: $keys
// index: code_key (Code.system, Code.code)
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (:Code {system: key.system, code: key.code})<-[:CHILD_OF]-(child:Code)
WITH i, child
ORDER BY i, child.code
RETURN i, collect(child.code) AS codes
