// purpose: NCCI PTP edits, column 1 -> column 2, one edge per row (endpoints resolved by merge_code_ids)
// params: $rows, $rid
// index: none: endpoints are addressed by element id
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[:PTP {
  rid: $rid, setting: row.setting, prior1996: row.prior1996, effectiveDate: row.effectiveDate,
  deletionDate: row.deletionDate, validFrom: row.validFrom, validTo: row.validTo,
  modifierIndicator: row.modifierIndicator, rationale: row.rationale
}]->(b)
RETURN count(*) AS written
