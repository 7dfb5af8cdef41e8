// purpose: NCCI add-on edit windows, add-on -> primary, one edge per row (endpoints resolved by merge_code_ids)
// params: $rows, $rid
// index: none: endpoints are addressed by element id
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (p) WHERE elementId(p) = row.b
CREATE (a)-[:ADDON_OF {
  rid: $rid, type: row.type, effectiveDate: row.effectiveDate, deletionDate: row.deletionDate,
  validFrom: row.validFrom, validTo: row.validTo, addOnDeletionDate: row.addOnDeletionDate,
  primaryDeletionDate: row.primaryDeletionDate, notes: row.notes, line: row.line
}]->(p)
RETURN count(*) AS written
