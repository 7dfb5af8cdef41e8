// purpose: HCPCS cross references of discontinued codes: the code to use instead (REPLACED_BY, this release)
// params: $rows, $rid
// index: code_release (Code.codeRelease); code_key (Code.system, Code.code)
UNWIND $rows AS _
MATCH (c:Code {codeRelease: $rid})
  USING INDEX c:Code(codeRelease)
WHERE c.system = 'HCPCS' AND c.terminationDate IS NOT NULL
UNWIND coalesce(c.crossReferences, []) AS named
MATCH (t:Code {system: 'HCPCS', code: named})
  USING INDEX t:Code(system, code)
WITH c, t WHERE t <> c
MERGE (c)-[r:REPLACED_BY {rid: $rid}]->(t)
RETURN count(r) AS replacements
