// purpose: for claim validation, the PTP edits of the given settings (every window: the rules pick the day's)
//          between codes that meet on a claim: $partners[i] lists the indexes into $codes of the codes that share
//          a date of service with code i on some claim; in one row, dates as ISO text
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
// one row: [column 1 system, column 1, column 2 system, column 2, setting, modifier indicator, effective date,
// deletion date, valid from, valid to, rationale, prior 1996, release id], dates as ISO text
RETURN collect([x.system, x.code, y.system, y.code, r.setting, r.modifierIndicator, toString(r.effectiveDate),
  toString(r.deletionDate), toString(r.validFrom), toString(r.validTo), r.rationale, r.prior1996, r.rid]) AS edits
