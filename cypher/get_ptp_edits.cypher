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
// The same edit stated by the sample and an official release is one edit: the official release is named.
WITH i, key, one.code AS column1, one.system AS column1System, two.code AS column2, two.system AS column2System,
     r.setting AS setting, r.prior1996 AS prior1996, r.effectiveDate AS effectiveDate,
     r.deletionDate AS deletionDate, r.modifierIndicator AS modifierIndicator, r.rationale AS rationale,
     collect(r.rid) AS stating
ORDER BY i, column1, column2, effectiveDate, coalesce(toString(deletionDate), '9999-12-31'), modifierIndicator
WITH i, key, collect({
  column1: column1, column1System: column1System, column2: column2, column2System: column2System,
  setting: setting, prior1996: prior1996, effectiveDate: effectiveDate, deletionDate: deletionDate,
  modifierIndicator: modifierIndicator, rationale: rationale,
  rid: ([x IN stating WHERE $releases[x].source <> 'sample'] + stating)[0]
}) AS edits
// key.after: [column 1, column 2, effective date, deletion date or 9999-12-31] of the page's last edit, or null
WITH i, key, edits, [e IN edits WHERE key.after IS NULL OR e.column1 > key.after[0]
  OR (e.column1 = key.after[0] AND (e.column2 > key.after[1]
  OR (e.column2 = key.after[1] AND (toString(e.effectiveDate) > key.after[2]
  OR (toString(e.effectiveDate) = key.after[2]
      AND coalesce(toString(e.deletionDate), '9999-12-31') > key.after[3])))))] AS rest
// Labels are joined after paging, for the page's edits only.
RETURN i, size(edits) AS total, [e IN rest[..key.first] | e {.*, release: $releases[e.rid].label}] AS edits
