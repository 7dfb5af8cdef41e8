// purpose: HCPCS Level II modifiers (records 7/8) with their official text and dates
// params: $rows, $rid
// index: modifier_key (Modifier.code)
UNWIND $rows AS row
MERGE (m:Modifier {code: row.code})
SET m.description = row.long, m.shortDescription = row.short, m.kind = 'HCPCS', m.addedDate = row.added,
    m.actionEffectiveDate = row.actionEffective, m.terminationDate = row.terminated,
    m.actionCode = row.action, m.release = $rid
RETURN count(*) AS written
