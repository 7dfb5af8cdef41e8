// purpose: codes the previous release of a code set named but this one does not: closed, never deleted
// params: $source, $rid, $closeDate
// index: release_source (Release.source); code_release (Code.codeRelease)
MATCH (old:Release {source: $source})
WHERE old.current = true AND old.id <> $rid
MATCH (c:Code {codeRelease: old.id})
  USING INDEX c:Code(codeRelease)
SET c.terminationDate = coalesce(c.terminationDate, $closeDate), c.closedBy = $rid
RETURN count(c) AS closed
