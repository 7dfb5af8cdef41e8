// purpose: what changed between two releases of one code set, comparing the version each states of a code, in
//          (code, system, change) order after a cursor: ADDED (in $to, not in $from), TERMINATED (active in
//          $from; terminated, closed or absent in $to), REVISED (in both, the $fields that differ),
//          REINSTATED (terminated in $from, active in $to)
// params: $from, $to, $fields, $changes, $afterCode, $afterSystem, $afterChange, $limit
// index: code_code (Code.code), walked in code order from the cursor
MATCH (c:Code)
  USING INDEX c:Code(code)
WHERE c.code >= $afterCode
OPTIONAL MATCH (c)-[:VERSION {rid: $from}]->(a)
OPTIONAL MATCH (c)-[:VERSION {rid: $to}]->(b)
WITH c, a, b
WHERE a IS NOT NULL OR b IS NOT NULL
WITH c, a, b, a IS NOT NULL AND a.terminationDate IS NULL AS activeBefore,
     b IS NOT NULL AND b.terminationDate IS NULL AS activeAfter,
     a IS NOT NULL AND b IS NOT NULL AND NOT coalesce(a.closed, false) AND NOT coalesce(b.closed, false) AS inBoth
WITH c, a, b, activeBefore, activeAfter,
     [f IN $fields WHERE inBoth AND coalesce(a[f] <> b[f], (a[f] IS NULL) <> (b[f] IS NULL))] AS fields
// listed in the order pages go: ADDED, REINSTATED, REVISED, TERMINATED
UNWIND [k IN [
  CASE WHEN a IS NULL AND b IS NOT NULL AND NOT coalesce(b.closed, false) THEN 'ADDED' END,
  CASE WHEN a IS NOT NULL AND NOT activeBefore AND activeAfter THEN 'REINSTATED' END,
  CASE WHEN size(fields) > 0 THEN 'REVISED' END,
  CASE WHEN activeBefore AND NOT activeAfter THEN 'TERMINATED' END
] WHERE k IS NOT NULL AND k IN $changes] AS change
WITH c, a, b, fields, change
WHERE c.code > $afterCode OR (c.code = $afterCode AND (c.system > $afterSystem
      OR (c.system = $afterSystem AND change > $afterChange)))
RETURN c.system AS system, c.code AS code, change, CASE change WHEN 'REVISED' THEN fields ELSE [] END AS fields,
       CASE WHEN a IS NULL THEN null ELSE a {.shortDescription, .longDescription, .isBillable, .addedDate,
         .terminationDate, .coverageCode, .betos, .pricingIndicators, .typeOfService, .actionCode,
         .actionEffectiveDate, .closed} END AS before,
       CASE WHEN b IS NULL THEN null ELSE b {.shortDescription, .longDescription, .isBillable, .addedDate,
         .terminationDate, .coverageCode, .betos, .pricingIndicators, .typeOfService, .actionCode,
         .actionEffectiveDate, .closed} END AS after
ORDER BY c.code, c.system, change
LIMIT $limit
