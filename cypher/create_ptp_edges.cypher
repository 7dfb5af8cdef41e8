// purpose: NCCI PTP edits, column 1 -> column 2, one edge per row; codes first seen here are created
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (a:Code {system: row.column1System, code: row.column1})
  ON CREATE SET a.display = row.column1, a.createdBy = $rid
MERGE (b:Code {system: row.column2System, code: row.column2})
  ON CREATE SET b.display = row.column2, b.createdBy = $rid
CREATE (a)-[:PTP {
  rid: $rid, setting: row.setting, prior1996: row.prior1996, effectiveDate: row.effectiveDate,
  deletionDate: row.deletionDate, validFrom: row.validFrom, validTo: row.validTo,
  modifierIndicator: row.modifierIndicator, rationale: row.rationale
}]->(b)
