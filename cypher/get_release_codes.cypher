// purpose: the codes a code-set release states, as it states them, in (code, system) order after a cursor (export)
// params: $rid, $afterCode, $afterSystem, $limit
// index: code_code (Code.code), walked in code order from the cursor
MATCH (c:Code)
  USING INDEX c:Code(code)
WHERE c.code >= $afterCode AND (c.code > $afterCode OR c.system > $afterSystem)
MATCH (c)-[:VERSION {rid: $rid}]->(v)
RETURN c.system AS system, c.code AS code, c.display AS display,
       v { .shortDescription, .longDescription, .isBillable, .addedDate, .terminationDate, .coverageCode, .betos,
           .pricingIndicators, .typeOfService, .actionCode, .actionEffectiveDate, .closed } AS version
ORDER BY c.code, c.system
LIMIT $limit
