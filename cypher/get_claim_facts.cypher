// purpose: for claim validation, in one row: for each code key whether the graph knows it, its dates, its add-on
//          windows (every date: the rules pick the day's), its MUE facts and its fee-schedule indicators (when a
//          current PFS release stated them); the PTP edits of the given settings between codes that meet on a
//          claim ($groups: per claim and date of service, the indexes into $keys of its codes); and the current
//          releases. Dates as ISO text and facts as lists, which the driver decodes far faster than dates and maps
// params: $keys, $groups, $settings, $rids
// index: code_key (Code.system, Code.code); release_id (Release.id)
//        pattern comprehensions, not COLLECT subqueries, for a code's own facts: one Apply less per code and fact
//        kind; PTP rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship
//        rid index (every fact of the current releases) instead of the code
UNWIND range(0, size($keys) - 1) AS i
OPTIONAL MATCH (c:Code {system: $keys[i].system, code: $keys[i].code})
WITH i, c
ORDER BY i
WITH collect([i, c]) AS found, collect(CASE WHEN c IS NULL THEN [i, false] ELSE [
  i,
  true,
  toString(c.addedDate),
  toString(c.terminationDate),
  c.codeRelease,
  // add-on windows: [type, primary system, primary code, valid from, valid to, release id]; contractor-defined
  // primaries (the file's CCCCC) have no primary
  [(c)-[r:ADDON_OF]->(p:Code) WHERE r.rid IN $rids |
    [r.type, p.system, p.code, toString(r.validFrom), toString(r.validTo), r.rid]] +
  [(c)-[r:CONTRACTOR_PRIMARIES]->(x:Release) WHERE x.id IN $rids |
    [r.type, null, null, toString(r.validFrom), toString(r.validTo), x.id]],
  // MUE facts: [setting, value, adjudication indicator, adjudication text, rationale, release id]
  [(c)-[m:MUE]->(x:Release) WHERE x.id IN $rids |
    [m.setting, m.value, m.adjudicationIndicator, m.adjudicationText, m.rationale, x.id]],
  CASE WHEN c.pfsRelease IN $rids THEN c.pfsRelease END,
  [c.pctcIndicator, c.multipleProcedure, c.bilateralSurgery, c.assistantSurgery, c.coSurgery, c.teamSurgery]
] END) AS codes
WITH codes, [f IN found | f[1]] AS nodes
RETURN codes, COLLECT {
  UNWIND $groups AS g
  WITH [j IN g WHERE nodes[j] IS NOT NULL | nodes[j]] AS members
  UNWIND members AS x
  MATCH (x)-[r:PTP]->(y)
  WHERE y IN members AND y <> x AND r.setting IN $settings AND any(id IN $rids WHERE id = r.rid)
  WITH DISTINCT x, y, r
  // [column 1 system, column 1, column 2 system, column 2, setting, modifier indicator, effective date, deletion
  // date, valid from, valid to, rationale, prior 1996, release id]
  RETURN [x.system, x.code, y.system, y.code, r.setting, r.modifierIndicator, toString(r.effectiveDate),
    toString(r.deletionDate), toString(r.validFrom), toString(r.validTo), r.rationale, r.prior1996, r.rid]
} AS edits, COLLECT {
  MATCH (rel:Release)
  WHERE rel.id IN $rids
  RETURN rel { .id, .label, .source, .loadedAt, .status, .rows, .files }
} AS releases
