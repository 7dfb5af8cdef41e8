// purpose: an add-on whose primary codes the Medicare contractor defines (CCCCC): a fact on the add-on
// params: $rows, $rid
// index: release_id (Release.id); the add-on is addressed by element id
MATCH (rel:Release {id: $rid})
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
CREATE (a)-[:CONTRACTOR_PRIMARIES {
  type: row.type, effectiveDate: row.effectiveDate, deletionDate: row.deletionDate,
  validFrom: row.validFrom, validTo: row.validTo, addOnDeletionDate: row.addOnDeletionDate,
  notes: row.notes, line: row.line
}]->(rel)
RETURN count(*) AS written
