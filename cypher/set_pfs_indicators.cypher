// purpose: fee-schedule facts of a code (status, global days, add-on candidate) and the modifiers its indicators allow
// params: $rows, $rid
// index: code_key (Code.system, Code.code); modifier_key (Modifier.code)
UNWIND $rows AS row
MATCH (c) WHERE elementId(c) = row.a
SET c += row.props, c.pfsRelease = $rid
WITH c, row
CALL (c, row) {
  UNWIND row.modifiers AS m
  MERGE (mod:Modifier {code: m.modifier})
    ON CREATE SET mod.kind = CASE WHEN m.modifier =~ '[0-9]+' THEN 'CPT' ELSE 'HCPCS' END
  CREATE (c)-[:MODIFIER_APPLIES {rid: $rid, field: m.field, value: m.value, meaning: m.meaning}]->(mod)
}
RETURN count(*) AS written
