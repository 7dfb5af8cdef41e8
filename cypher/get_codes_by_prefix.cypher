// purpose: codes whose number starts with $prefix, in the systems asked, valid on $asOf (any status when $asOf is null), in (system, code) order
//          after a cursor
// params: $prefix, $systems, $asOf, $afterSystem, $afterCode, $limit
// index: code_code (Code.code) with STARTS WITH; release_status (Release.status): codes of a staging load hidden
OPTIONAL MATCH (s:Release {status: 'staging'})
WITH collect(s.id) AS staged
MATCH (c:Code)
  USING INDEX c:Code(code)
WHERE c.code STARTS WITH $prefix AND c.system IN $systems
  AND ($asOf IS NULL OR ((c.addedDate IS NULL OR c.addedDate <= $asOf)
       AND (c.terminationDate IS NULL OR $asOf <= c.terminationDate)))
  AND NOT (c.createdBy IN staged AND all(x IN coalesce(c.releases, []) WHERE x IN staged))
  AND (c.system > $afterSystem OR (c.system = $afterSystem AND c.code > $afterCode))
WITH c ORDER BY c.system, c.code
RETURN c.system AS system, c.code AS code, 1.0 AS score
LIMIT $limit
