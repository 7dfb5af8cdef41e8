// purpose: codes in (code, system) order from a cursor (inclusive), each with its edges of the given types that
//          either of two releases states: what edgeDiff and export compare and write, a page of codes at a time
// params: $from, $to, $types, $afterCode, $afterSystem, $limit
// index: code_code (Code.code), walked in code order from the cursor
MATCH (c:Code)
  USING INDEX c:Code(code)
WHERE c.code >= $afterCode AND (c.code > $afterCode OR c.system >= $afterSystem)
WITH c, COLLECT {
  MATCH (c)-[r]->(t:Code)
  WHERE type(r) IN $types AND r.rid IN [$from, $to]
  RETURN {rid: r.rid, type: type(r), system: t.system, code: t.code, props: properties(r)} AS edge
  UNION ALL
  MATCH (c)-[r]->(rel:Release)
  WHERE type(r) IN $types AND rel.id IN [$from, $to]
  RETURN {rid: rel.id, type: type(r), system: null, code: null, props: properties(r)} AS edge
} AS edges
WHERE size(edges) > 0
RETURN c.system AS system, c.code AS code, edges
ORDER BY c.code, c.system
LIMIT $limit
