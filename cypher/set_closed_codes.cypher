// purpose: codes the previous release of a code set named but this one does not: closed, never deleted; their
//          version in this release says so (closed: true)
// params: $source, $rid, $closeDate
// index: release_source (Release.source); code_release (Code.codeRelease)
MATCH (old:Release {source: $source})
WHERE old.current = true AND old.id <> $rid
MATCH (c:Code {codeRelease: old.id})
  USING INDEX c:Code(codeRelease)
SET c.terminationDate = coalesce(c.terminationDate, $closeDate), c.closedBy = $rid
WITH c
// the release id is on the relationship and the new node has no label to MERGE on: plans made inside one load
// transaction see old statistics, and must walk from the code, never scan or seek the growing versions
MERGE (c)-[:VERSION {rid: $rid}]->(v)
SET v:CodeVersion, v.rid = $rid, v.system = c.system, v.code = c.code, v.shortDescription = c.shortDescription,
    v.longDescription = c.longDescription, v.isBillable = c.isBillable, v.addedDate = c.addedDate,
    v.terminationDate = c.terminationDate, v.closed = true,
    v.coverageCode = c.coverageCode, v.betos = c.betos, v.pricingIndicators = c.pricingIndicators,
    v.typeOfService = c.typeOfService, v.actionCode = c.actionCode, v.actionEffectiveDate = c.actionEffectiveDate
RETURN count(c) AS closed
