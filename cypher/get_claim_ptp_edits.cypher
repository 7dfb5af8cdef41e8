// purpose: for claim validation, the PTP edits of the given settings (every window: the rules pick the day's)
//          between codes that meet on a claim: $partners[i] lists the indexes into $codes of the codes that share
//          a date of service with code i on some claim
// params: $codes, $partners, $settings
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        each edge is found once, from its column-1 code, and kept when its column-2 code is a partner: cheaper
//        than an expand-into per pair once a request holds thousands of pairs
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($codes) - 1) AS i
OPTIONAL MATCH (c:Code {system: $codes[i].system, code: $codes[i].code})
WITH rids, i, c
ORDER BY i
WITH rids, collect([i, c]) AS found
WITH rids, [f IN found | f[1]] AS nodes
UNWIND range(0, size(nodes) - 1) AS i
WITH rids, nodes[i] AS x, [j IN $partners[i] | nodes[j]] AS others
WHERE x IS NOT NULL AND size(others) > 0
MATCH (x)-[r:PTP]->(y)
WHERE y IN others AND any(id IN rids WHERE id = r.rid) AND r.setting IN $settings
RETURN x.system AS column1System, x.code AS column1, y.system AS column2System, y.code AS column2,
       r.setting AS setting, r.modifierIndicator AS modifierIndicator, r.effectiveDate AS effectiveDate,
       r.deletionDate AS deletionDate, r.validFrom AS validFrom, r.validTo AS validTo, r.rationale AS rationale,
       r.prior1996 AS prior1996, r.rid AS release
