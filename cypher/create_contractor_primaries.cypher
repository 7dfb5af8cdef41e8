// purpose: an add-on whose primary codes the Medicare contractor defines (CCCCC): a fact on the add-on
// params: $rows, $rid
// index: code_key (Code.system, Code.code); release_id (Release.id)
MATCH (rel:Release {id: $rid})
UNWIND $rows AS row
MERGE (a:Code {system: row.addOnSystem, code: row.addOn})
  ON CREATE SET a.display = row.addOn, a.createdBy = $rid
CREATE (a)-[:CONTRACTOR_PRIMARIES {
  type: row.type, effectiveDate: row.effectiveDate, deletionDate: row.deletionDate,
  validFrom: row.validFrom, validTo: row.validTo, addOnDeletionDate: row.addOnDeletionDate,
  notes: row.notes, line: row.line
}]->(rel)
