// purpose: a code page in one statement: for each key, the code as get_codes answers it (valid on key.asOf unless
//          key.anyStatus; never one a staging load created) and, only where
//          the key asks, its primary codes and add-on codes (as get_primary_codes, get_add_on_codes), one PTP page
//          (as get_ptp_edits), its MUEs (as get_mues) and its direct crosswalks into one code set (as
//          get_crosswalks); a part not asked is null and costs nothing. Facts are those of $rids, the current
//          releases; release labels are joined from $releases after paging. No row for a code not valid on asOf.
// params: $keys, $rids, $releases
// index: code_key (Code.system, Code.code); release_id (Release.id); release_status (Release.status)
//        rids are matched with any(): a plain `rid IN $rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
//        ADDON_OF and PTP join codes only (their loaders write them so): the far end's label is not checked
OPTIONAL MATCH (s:Release {status: 'staging'})
WITH collect(s.id) AS staged
UNWIND range(0, size($keys) - 1) AS i
WITH staged, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
  WHERE (key.anyStatus OR ((c.addedDate IS NULL OR c.addedDate <= key.asOf) AND (c.terminationDate IS NULL OR key.asOf <= c.terminationDate)))
    AND NOT (c.createdBy IN staged AND all(x IN coalesce(c.releases, []) WHERE x IN staged))
OPTIONAL CALL (c, key) {
  WITH c, key WHERE key.primaries IS NOT NULL
  MATCH (c)-[r:ADDON_OF]->(p)
  WHERE any(id IN $rids WHERE id = r.rid) AND r.validFrom <= key.primaries <= r.validTo
  WITH p, r ORDER BY p.code, r.effectiveDate, $releases[r.rid].source = 'sample'
  RETURN collect({
    system: p.system, code: p.code, display: p.display, type: r.type,
    effectiveDate: r.effectiveDate, deletionDate: r.deletionDate, notes: r.notes, release: $releases[r.rid].label
  }) AS primaries
}
OPTIONAL CALL (c, key) {
  WITH c, key WHERE key.addOns IS NOT NULL
  MATCH (c)<-[r:ADDON_OF]-(a)
  WHERE any(id IN $rids WHERE id = r.rid) AND r.validFrom <= key.addOns <= r.validTo
  WITH a, r ORDER BY a.code, r.effectiveDate, $releases[r.rid].source = 'sample'
  RETURN collect({
    system: a.system, code: a.code, display: a.display, type: r.type,
    effectiveDate: r.effectiveDate, deletionDate: r.deletionDate, notes: r.notes, release: $releases[r.rid].label
  }) AS addOns
}
OPTIONAL CALL (c, key) {
  WITH c, key.ptp AS q WHERE q IS NOT NULL
  CALL (c, q) {
    MATCH (c)-[r:PTP]->(other)
    WHERE q.role IN ['column1', 'any'] AND any(id IN $rids WHERE id = r.rid) AND r.setting = q.setting
      AND r.validFrom <= q.asOf <= r.validTo
    RETURN c AS one, other AS two, r
    UNION ALL
    MATCH (c)<-[r:PTP]-(other)
    WHERE q.role IN ['column2', 'any'] AND any(id IN $rids WHERE id = r.rid) AND r.setting = q.setting
      AND r.validFrom <= q.asOf <= r.validTo
    RETURN other AS one, c AS two, r
  }
  // Only what orders, groups and pages the edits is read for every edge; the rest for the page's edits only.
  // The same edit stated by the sample and an official release is one edit: the official release is named.
  WITH q, one.code AS column1, two.code AS column2, r.effectiveDate AS effectiveDate,
       r.deletionDate AS deletionDate, r.modifierIndicator AS modifierIndicator, collect(r) AS stating
  ORDER BY column1, column2, effectiveDate, coalesce(toString(deletionDate), '9999-12-31'), modifierIndicator
  WITH q, collect({
    column1: column1, column2: column2, effectiveDate: effectiveDate, deletionDate: deletionDate,
    modifierIndicator: modifierIndicator, stating: stating
  }) AS edits
  // q.after: [column 1, column 2, effective date, deletion date or 9999-12-31] of the page's last edit, or null
  WITH q, edits, [e IN edits WHERE q.after IS NULL OR e.column1 > q.after[0]
    OR (e.column1 = q.after[0] AND (e.column2 > q.after[1]
    OR (e.column2 = q.after[1] AND (toString(e.effectiveDate) > q.after[2]
    OR (toString(e.effectiveDate) = q.after[2]
        AND coalesce(toString(e.deletionDate), '9999-12-31') > q.after[3])))))] AS rest
  WITH q, size(edits) AS total, [e IN rest[..q.first] |
    {edit: e, r: ([x IN e.stating WHERE $releases[x.rid].source <> 'sample'] + e.stating)[0]}] AS page
  RETURN {total: total, edits: [p IN page | {
    column1: p.edit.column1, column1System: startNode(p.r).system, column2: p.edit.column2,
    column2System: endNode(p.r).system, setting: q.setting, prior1996: p.r.prior1996,
    effectiveDate: p.edit.effectiveDate, deletionDate: p.edit.deletionDate,
    modifierIndicator: p.edit.modifierIndicator, rationale: p.r.rationale, release: $releases[p.r.rid].label
  }]} AS ptp
}
OPTIONAL CALL (c, key) {
  WITH c, key WHERE key.mues
  MATCH (c)-[m:MUE]->(rel:Release)
  WHERE any(id IN $rids WHERE id = rel.id)
  // The same fact stated by the sample and an official release is one answer, the official release named.
  WITH m.setting AS setting, m.value AS value, m.adjudicationIndicator AS adjudicationIndicator,
       m.adjudicationText AS adjudicationText, m.rationale AS rationale, collect($releases[rel.id]) AS stating
  WITH setting, value, adjudicationIndicator, adjudicationText, rationale,
       [x IN stating WHERE x.source <> 'sample'] + stating AS stating
  ORDER BY setting, stating[0].source = 'sample'
  RETURN collect({
    setting: setting, value: value, adjudicationIndicator: adjudicationIndicator,
    adjudicationText: adjudicationText, rationale: rationale, release: stating[0].label
  }) AS mues
}
OPTIONAL CALL (c, key) {
  WITH c, key.crosswalkTarget AS target WHERE target IS NOT NULL
  CALL (c, target) {
    MATCH (c)-[m:MAPS_TO]->(t:Code {system: target})
    WHERE any(id IN $rids WHERE id = m.rid)
    RETURN t.system AS system, t.code AS code, t.display AS display, m.approximate AS approximate,
           false AS noMap, m.combination AS combination, m.scenario AS scenario, m.choiceList AS choiceList,
           m.rid AS rid
    UNION ALL
    MATCH (c)-[m:NO_MAP {targetSystem: target}]->(r:Release)
    WHERE any(id IN $rids WHERE id = r.id)
    RETURN target AS system, null AS code, null AS display, m.approximate AS approximate,
           true AS noMap, false AS combination, 0 AS scenario, 0 AS choiceList, r.id AS rid
  }
  // The same entry stated by the sample and an official release is one entry, the official release named.
  WITH c, system, code, display, approximate, noMap, combination, scenario, choiceList,
       collect($releases[rid]) AS stating
  WITH c, system, code, display, approximate, noMap, combination, scenario, choiceList,
       ([x IN stating WHERE x.source <> 'sample'] + stating)[0].label AS release
  ORDER BY scenario, choiceList, code
  RETURN collect({
    fromSystem: c.system, fromCode: c.code, system: system, code: code, display: display,
    approximate: approximate, noMap: noMap,
    combination: combination, scenario: scenario, choiceList: choiceList, release: release
  }) AS crosswalks
}
// Each fact is read once: isAddOn reuses the primary codes when they were read for the same day.
WITH i, key, c, primaries, addOns, ptp, mues, crosswalks, EXISTS {
  MATCH (c)-[r:CONTRACTOR_PRIMARIES]->(:Release {current: true})
  WHERE r.validFrom <= key.asOf <= r.validTo
} AS contractorDefined
RETURN i, c {
  .*,
  // only when the selection shows releases (a code's provenance, or which release wrote a description)
  releaseList: COLLECT {
    MATCH (r:Release)
    WHERE r.id IN CASE WHEN key.releases
      THEN coalesce(c.releases, []) + [x IN [c.textRelease, c.createdBy] WHERE x IS NOT NULL] ELSE [] END
    RETURN r { .id, .label, .source, .loadedAt, .status, .rows, .files } ORDER BY r.startedAt
  },
  isAddOn: contractorDefined OR CASE WHEN key.primaries = key.asOf THEN size(primaries) > 0 ELSE EXISTS {
    MATCH (c)-[r:ADDON_OF]->()
    WHERE any(id IN $rids WHERE id = r.rid) AND r.validFrom <= key.asOf <= r.validTo
  } END,
  contractorDefinedPrimaries: contractorDefined
} AS code, primaries, addOns, ptp, mues, crosswalks
