// purpose: after a code-set release switched, the version it states of each code it named (history, diffs), a
//          chunk per transaction: in the load's one transaction they would double what it holds in memory
// params: $rid, $limit
// index: code_release (Code.codeRelease)
MATCH (c:Code {codeRelease: $rid})
  USING INDEX c:Code(codeRelease)
WHERE NOT EXISTS { (c)-[:VERSION {rid: $rid}]->() }
WITH c LIMIT $limit
MERGE (c)-[:VERSION {rid: $rid}]->(v)
SET v:CodeVersion, v.rid = $rid, v.system = c.system, v.code = c.code, v.shortDescription = c.shortDescription,
    v.longDescription = c.longDescription, v.isBillable = c.isBillable, v.addedDate = c.addedDate,
    v.terminationDate = c.terminationDate
// the fields HCPCS releases revise besides (null, so absent, for the other code sets)
SET v.coverageCode = c.coverageCode, v.betos = c.betos, v.pricingIndicators = c.pricingIndicators,
    v.typeOfService = c.typeOfService, v.actionCode = c.actionCode, v.actionEffectiveDate = c.actionEffectiveDate
RETURN count(*) AS written
