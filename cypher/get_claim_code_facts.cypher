// purpose: for claim validation, in one row: the current releases, and for each code key whether the graph knows
//          it, its dates, its add-on windows (every date: the rules pick the day's), its MUE facts and its
//          fee-schedule indicators (when the current PFS release stated them)
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
RETURN releases, collect({
  i: i,
  known: c IS NOT NULL,
  addedDate: c.addedDate,
  terminationDate: c.terminationDate,
  codeRelease: c.codeRelease,
  addOns: COLLECT {
    MATCH (c)-[r:ADDON_OF]->(p:Code)
    WHERE any(id IN rids WHERE id = r.rid)
    RETURN {type: r.type, system: p.system, code: p.code, validFrom: r.validFrom, validTo: r.validTo, release: r.rid}
  },
  contractorPrimaries: COLLECT {
    MATCH (c)-[r:CONTRACTOR_PRIMARIES]->(x:Release {current: true})
    RETURN {type: r.type, validFrom: r.validFrom, validTo: r.validTo, release: x.id}
  },
  mues: COLLECT {
    MATCH (c)-[m:MUE]->(x:Release {current: true})
    RETURN {setting: m.setting, value: m.value, adjudicationIndicator: m.adjudicationIndicator,
            adjudicationText: m.adjudicationText, rationale: m.rationale, release: x.id}
  },
  pfsRelease: CASE WHEN c.pfsRelease IN rids THEN c.pfsRelease END,
  pfs: {pctcIndicator: c.pctcIndicator, multipleProcedure: c.multipleProcedure, bilateralSurgery: c.bilateralSurgery,
        assistantSurgery: c.assistantSurgery, coSurgery: c.coSurgery, teamSurgery: c.teamSurgery}
}) AS codes
