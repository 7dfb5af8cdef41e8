// purpose: NCCI PTP edits as create_ptp_edges writes them (same properties, same types), sent compactly: a row is
//          [column 1's element id, column 2's element id, k], k indexing $tails, the batch's distinct sets of the
//          other fields (dates as ISO text, made dates once per tail instead of once per edge)
// params: $rows, $tails, $rid
// index: none: endpoints are addressed by element id
WITH [t IN $tails | {
  setting: t.setting, prior1996: t.prior1996, effectiveDate: date(t.effectiveDate),
  deletionDate: date(t.deletionDate), validFrom: date(t.validFrom), validTo: date(t.validTo),
  modifierIndicator: t.modifierIndicator, rationale: t.rationale
}] AS tails
UNWIND $rows AS row
WITH row, tails[row[2]] AS t
MATCH (a) WHERE elementId(a) = row[0]
MATCH (b) WHERE elementId(b) = row[1]
CREATE (a)-[:PTP {
  rid: $rid, setting: t.setting, prior1996: t.prior1996, effectiveDate: t.effectiveDate,
  deletionDate: t.deletionDate, validFrom: t.validFrom, validTo: t.validTo,
  modifierIndicator: t.modifierIndicator, rationale: t.rationale
}]->(b)
RETURN count(*) AS written
