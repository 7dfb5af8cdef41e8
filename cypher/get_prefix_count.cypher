// purpose: how many codes a code-prefix search matches on $asOf (totalCount)
// params: $prefix, $systems, $asOf
// index: code_code (Code.code) with STARTS WITH; release_status (Release.status): codes of a staging load hidden
OPTIONAL MATCH (s:Release {status: 'staging'})
WITH collect(s.id) AS staged
MATCH (c:Code)
  USING INDEX c:Code(code)
WHERE c.code STARTS WITH $prefix AND c.system IN $systems
  AND ($asOf IS NULL OR ((c.addedDate IS NULL OR c.addedDate <= $asOf)
       AND (c.terminationDate IS NULL OR $asOf <= c.terminationDate)))
  AND NOT (c.createdBy IN staged AND all(x IN coalesce(c.releases, []) WHERE x IN staged))
RETURN count(c) AS total
