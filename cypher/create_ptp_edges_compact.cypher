// purpose: NCCI PTP edits as create_ptp_edges writes them (same properties, same types), sent compactly: $rows is
//          three columns, one place per edge in each: its column 1 and column 2 codes in $ids, the element ids of the
//          batch's distinct codes (each node found once per batch, not once per edge), and its other fields in
//          $tails, the batch's distinct sets of them (dates as ISO text, made dates once per tail, not per edge)
// params: $rows, $tails, $ids, $rid
// index: none: endpoints are addressed by element id
CALL () {
  UNWIND range(0, size($ids) - 1) AS i
  MATCH (n) WHERE elementId(n) = $ids[i]
  WITH i, n ORDER BY i
  RETURN collect(n) AS nodes
}
// a code not found (deleted since its merge) would shift every later place: then nothing is written, and the
// batcher's `written` check fails the load
WITH nodes WHERE size(nodes) = size($ids)
WITH nodes, $rows[0] AS firsts, $rows[1] AS seconds, $rows[2] AS fields, [t IN $tails | {
  setting: t.setting, prior1996: t.prior1996, effectiveDate: date(t.effectiveDate),
  deletionDate: date(t.deletionDate), validFrom: date(t.validFrom), validTo: date(t.validTo),
  modifierIndicator: t.modifierIndicator, rationale: t.rationale
}] AS tails
UNWIND range(0, size(firsts) - 1) AS i
WITH nodes[firsts[i]] AS a, nodes[seconds[i]] AS b, tails[fields[i]] AS t
CREATE (a)-[:PTP {
  rid: $rid, setting: t.setting, prior1996: t.prior1996, effectiveDate: t.effectiveDate,
  deletionDate: t.deletionDate, validFrom: t.validFrom, validTo: t.validTo,
  modifierIndicator: t.modifierIndicator, rationale: t.rationale
}]->(b)
RETURN count(*) AS written
