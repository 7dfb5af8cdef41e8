// purpose: modifier nodes with their description and dates
// params: $rows, $rid
// index: modifier_key (Modifier.code)
UNWIND $rows AS row
MERGE (m:Modifier {code: row.code})
SET m.description = row.description, m.kind = row.kind, m.addedDate = row.added,
    m.terminationDate = row.terminated, m.release = $rid
