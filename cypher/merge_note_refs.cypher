// purpose: ICD-10-CM instructional notes that name a code or range, as typed relationships (EXCLUDES1, CODE_FIRST, ...)
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MATCH (s:Code {system: 'ICD10CM', code: row.source})
OPTIONAL MATCH (exact:Code {system: 'ICD10CM', code: row.target})
OPTIONAL MATCH (start:Code {system: 'ICD10CM', code: split(row.target, '-')[0]})
WITH s, row, coalesce(exact, start) AS t
CALL (s, t, row) {
  WITH * WHERE t IS NOT NULL
  MERGE (s)-[r:$(row.kind) {text: row.text, named: row.named}]->(t)
    ON CREATE SET r.release = $rid
}
RETURN count(*) AS written, count(t) AS linked
