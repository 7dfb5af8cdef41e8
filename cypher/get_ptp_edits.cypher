// purpose: for each key, the PTP edits naming the code (as column 1, column 2 or either) in effect on key.asOf
// params: $keys
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids, collect(rel) AS releases
UNWIND range(0, size($keys) - 1) AS i
WITH rids, releases, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
CALL (c, key, rids) {
  MATCH (c)-[r:PTP]->(other:Code)
  WHERE key.role IN ['column1', 'any'] AND any(id IN rids WHERE id = r.rid) AND r.setting = key.setting
    AND r.validFrom <= key.asOf <= r.validTo
  RETURN c AS one, other AS two, r
  UNION ALL
  MATCH (c)<-[r:PTP]-(other:Code)
  WHERE key.role IN ['column2', 'any'] AND any(id IN rids WHERE id = r.rid) AND r.setting = key.setting
    AND r.validFrom <= key.asOf <= r.validTo
  RETURN other AS one, c AS two, r
}
WITH i, key, one, two, r, [x IN releases WHERE x.id = r.rid][0] AS release
ORDER BY i, one.code, two.code, r.effectiveDate, release.source = 'sample'
WITH i, key, collect({
  column1: one.code, column1System: one.system, column2: two.code, column2System: two.system,
  setting: r.setting, prior1996: r.prior1996, effectiveDate: r.effectiveDate, deletionDate: r.deletionDate,
  modifierIndicator: r.modifierIndicator, rationale: r.rationale, release: release.label
}) AS edits
RETURN i, edits[..key.first] AS edits
