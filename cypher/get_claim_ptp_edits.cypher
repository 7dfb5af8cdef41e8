// purpose: for claim validation, the PTP edits of the given settings (every window: the rules pick the day's)
//          between the pairs of code keys that meet on a claim; pairs index $codes
// params: $codes, $pairs, $settings
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        both ends are bound before the edge is matched, so each pair is an expand-into between two code nodes
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($codes) - 1) AS i
OPTIONAL MATCH (c:Code {system: $codes[i].system, code: $codes[i].code})
WITH rids, i, c
ORDER BY i
WITH rids, collect([i, c]) AS found
WITH rids, [f IN found | f[1]] AS nodes
UNWIND $pairs AS pair
WITH rids, nodes[pair[0]] AS x, nodes[pair[1]] AS y
WHERE x IS NOT NULL AND y IS NOT NULL
MATCH (x)-[r:PTP]-(y)
WHERE any(id IN rids WHERE id = r.rid) AND r.setting IN $settings
RETURN startNode(r).system AS column1System, startNode(r).code AS column1, endNode(r).system AS column2System,
       endNode(r).code AS column2, r.setting AS setting, r.modifierIndicator AS modifierIndicator,
       r.effectiveDate AS effectiveDate, r.deletionDate AS deletionDate, r.validFrom AS validFrom,
       r.validTo AS validTo, r.rationale AS rationale, r.prior1996 AS prior1996, r.rid AS release
