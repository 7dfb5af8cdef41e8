// purpose: for claim validation, in one row: the current releases, and for each code key whether the graph knows
//          it, its dates, its add-on windows (every date: the rules pick the day's), its MUE facts and its
//          fee-schedule indicators (when the current PFS release stated them); dates as ISO text and facts as
//          lists, which the driver decodes far faster than date values and maps
// params: $codes
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids, collect(rel { .id, .label, .source, .loadedAt, .status, .rows, .files }) AS releases
UNWIND range(0, size($codes) - 1) AS i
WITH rids, releases, i, $codes[i] AS key
OPTIONAL MATCH (c:Code {system: key.system, code: key.code})
WITH rids, releases, i, c
ORDER BY i
RETURN releases, collect(CASE WHEN c IS NULL THEN [i, false] ELSE [
  i,
  true,
  toString(c.addedDate),
  toString(c.terminationDate),
  c.codeRelease,
  // add-on windows: [type, primary system, primary code, valid from, valid to, release id]; contractor-defined
  // primaries (the file's CCCCC) have no primary
  COLLECT {
    MATCH (c)-[r:ADDON_OF]->(p:Code)
    WHERE any(id IN rids WHERE id = r.rid)
    RETURN [r.type, p.system, p.code, toString(r.validFrom), toString(r.validTo), r.rid]
  } + COLLECT {
    MATCH (c)-[r:CONTRACTOR_PRIMARIES]->(x:Release {current: true})
    RETURN [r.type, null, null, toString(r.validFrom), toString(r.validTo), x.id]
  },
  // MUE facts: [setting, value, adjudication indicator, adjudication text, rationale, release id]
  COLLECT {
    MATCH (c)-[m:MUE]->(x:Release {current: true})
    RETURN [m.setting, m.value, m.adjudicationIndicator, m.adjudicationText, m.rationale, x.id]
  },
  CASE WHEN c.pfsRelease IN rids THEN c.pfsRelease END,
  [c.pctcIndicator, c.multipleProcedure, c.bilateralSurgery, c.assistantSurgery, c.coSurgery, c.teamSurgery]
] END) AS codes
