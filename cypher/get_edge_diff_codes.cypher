// purpose: codes in (code, system) order from a cursor (inclusive), each with its edges of the given types that
//          either of two releases states: what edgeDiff and export compare and write, a page of codes at a time.
//          A page holds at most $limit codes and, past its first code (always whole), at most $maxEdges edges:
//          dense codes make short pages, so what a reader holds is bounded by edges, not codes; `more` says
//          whether codes may follow the page
// params: $from, $to, $types, $afterCode, $afterSystem, $limit, $maxEdges
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
WITH c, edges
ORDER BY c.code, c.system
LIMIT $limit
WITH collect({system: c.system, code: c.code, edges: edges}) AS found
// [edges kept, codes kept, still open]: codes are kept in order until the next would pass $maxEdges
WITH found, reduce(s = [0, 0, true], row IN found |
  CASE WHEN s[2] AND (s[1] = 0 OR s[0] + size(row.edges) <= $maxEdges)
    THEN [s[0] + size(row.edges), s[1] + 1, true] ELSE [s[0], s[1], false] END) AS kept
UNWIND found[0..kept[1]] AS row
RETURN row.system AS system, row.code AS code, row.edges AS edges,
       kept[1] < size(found) OR size(found) = $limit AS more
