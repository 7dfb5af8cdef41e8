// purpose: for each primary key, the add-on codes whose add-on edit is in effect on key.asOf
// params: $keys, $rids, $releases
// index: code_key (Code.system, Code.code)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
OPTIONAL MATCH (:Code {system: key.system, code: key.code})<-[r:ADDON_OF]-(a:Code)
  WHERE any(id IN $rids WHERE id = r.rid) AND r.validFrom <= key.asOf <= r.validTo
WITH i, a, r, $releases[r.rid] AS release
ORDER BY i, a.code, r.effectiveDate, release.source = 'sample'
RETURN i, collect(CASE WHEN a IS NULL THEN NULL ELSE {
  system: a.system, code: a.code, display: a.display, type: r.type,
  effectiveDate: r.effectiveDate, deletionDate: r.deletionDate, notes: r.notes, release: release.label
} END) AS links
