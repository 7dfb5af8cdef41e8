// purpose: for each code key, the instructional notes that apply to it: its own and those of its ancestors
// params: $keys
// index: code_key (Code.system, Code.code)
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
MATCH path = (c)-[:CHILD_OF*0..6]->(level:Code)
MATCH (level)-[n:INCLUDES|INCLUSION_TERM|EXCLUDES1|EXCLUDES2|CODE_FIRST|USE_ADDITIONAL_CODE|CODE_ALSO]->(t:Code)
WITH i, length(path) AS depth, level, n, t
ORDER BY i, depth, type(n), t.code
RETURN i, collect({
  kind: type(n), text: n.text, named: n.named, levelKind: level.kind, levelCode: level.code, depth: depth,
  targetSystem: t.system, targetCode: t.code, targetDisplay: t.display
}) AS notes
