// purpose: NCCI add-on edit windows, add-on -> primary, one edge per row; codes first seen here are created
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (a:Code {system: row.addOnSystem, code: row.addOn})
  ON CREATE SET a.display = row.addOn, a.createdBy = $rid
MERGE (p:Code {system: row.primarySystem, code: row.primary})
  ON CREATE SET p.display = row.primary, p.createdBy = $rid
CREATE (a)-[:ADDON_OF {
  rid: $rid, type: row.type, effectiveDate: row.effectiveDate, deletionDate: row.deletionDate,
  validFrom: row.validFrom, validTo: row.validTo, addOnDeletionDate: row.addOnDeletionDate,
  primaryDeletionDate: row.primaryDeletionDate, notes: row.notes, line: row.line
}]->(p)
