// purpose: for each key, the PTP edits naming the code (as column 1, column 2 or either) in effect on key.asOf,
//          in (column 1, column 2, effective, deletion date) order: their number and at most key.first after key.after
// params: $keys, $rids, $releases
// index: code_key (Code.system, Code.code)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
CALL (c, key) {
  MATCH (c)-[r:PTP]->(other:Code)
  WHERE key.role IN ['column1', 'any'] AND any(id IN $rids WHERE id = r.rid) AND r.setting = key.setting
    AND r.validFrom <= key.asOf <= r.validTo
  RETURN c AS one, other AS two, r
  UNION ALL
  MATCH (c)<-[r:PTP]-(other:Code)
  WHERE key.role IN ['column2', 'any'] AND any(id IN $rids WHERE id = r.rid) AND r.setting = key.setting
    AND r.validFrom <= key.asOf <= r.validTo
  RETURN other AS one, c AS two, r
}
// Only what orders, groups and pages the edits is read for every edge; the rest for the page's edits only.
// The same edit stated by the sample and an official release is one edit: the official release is named.
WITH i, key, one.code AS column1, two.code AS column2, r.effectiveDate AS effectiveDate,
     r.deletionDate AS deletionDate, r.modifierIndicator AS modifierIndicator, collect(r) AS stating
ORDER BY i, column1, column2, effectiveDate, coalesce(toString(deletionDate), '9999-12-31'), modifierIndicator
WITH i, key, collect({
  column1: column1, column2: column2, effectiveDate: effectiveDate, deletionDate: deletionDate,
  modifierIndicator: modifierIndicator, stating: stating
}) AS edits
// key.after: [column 1, column 2, effective date, deletion date or 9999-12-31] of the page's last edit, or null
WITH i, key, edits, [e IN edits WHERE key.after IS NULL OR e.column1 > key.after[0]
  OR (e.column1 = key.after[0] AND (e.column2 > key.after[1]
  OR (e.column2 = key.after[1] AND (toString(e.effectiveDate) > key.after[2]
  OR (toString(e.effectiveDate) = key.after[2]
      AND coalesce(toString(e.deletionDate), '9999-12-31') > key.after[3])))))] AS rest
WITH i, key, size(edits) AS total, [e IN rest[..key.first] |
  {edit: e, r: ([x IN e.stating WHERE $releases[x.rid].source <> 'sample'] + e.stating)[0]}] AS page
RETURN i, total, [p IN page | {
  column1: p.edit.column1, column1System: startNode(p.r).system, column2: p.edit.column2,
  column2System: endNode(p.r).system, setting: key.setting, prior1996: p.r.prior1996,
  effectiveDate: p.edit.effectiveDate, deletionDate: p.edit.deletionDate,
  modifierIndicator: p.edit.modifierIndicator, rationale: p.r.rationale, release: $releases[p.r.rid].label
}] AS edits
