// purpose: NCCI PTP edits, column 1 -> column 2, one edge per row (endpoints resolved by merge_code_ids);
//          dates arrive as ISO text (cheaper to send than driver-packed dates)
// params: $rows, $rid
// index: none: endpoints are addressed by element id
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[:PTP {
  rid: $rid, setting: row.setting, prior1996: row.prior1996, effectiveDate: date(row.effectiveDate),
  deletionDate: date(row.deletionDate), validFrom: date(row.validFrom), validTo: date(row.validTo),
  modifierIndicator: row.modifierIndicator, rationale: row.rationale
}]->(b)
RETURN count(*) AS written
