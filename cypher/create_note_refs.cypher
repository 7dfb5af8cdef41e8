// purpose: ICD-10-CM instructional notes that name a code or range, as typed relationships (EXCLUDES1, CODE_FIRST, ...)
//          with the qualifier the note adds ("with 7th character B"),
//          one per distinct note of a release; a newer release's notes replace them (delete_superseded_edges)
// params: $rows, $rid
// index: code_key (Code.system, Code.code), pinned with USING INDEX: plans made while a load's one transaction
//        runs see the statistics of the graph before it, and would scan once it has grown
UNWIND $rows AS row
MATCH (s:Code {system: 'ICD10CM', code: row.source})
  USING INDEX s:Code(system, code)
OPTIONAL MATCH (exact:Code {system: 'ICD10CM', code: row.target})
  USING INDEX exact:Code(system, code)
OPTIONAL MATCH (start:Code {system: 'ICD10CM', code: split(row.target, '-')[0]})
  USING INDEX start:Code(system, code)
OPTIONAL MATCH (category:Code {system: 'ICD10CM', code: left(row.target, 3)})
  USING INDEX category:Code(system, code)
// a code the tabular does not have (G31.90) is linked to its category: resolved as well as it can be
WITH s, row, coalesce(exact, start, category) AS t
CALL (s, t, row) {
  WITH * WHERE t IS NOT NULL
  CREATE (s)-[:$(row.kind) {text: row.text, named: row.named, qualifier: row.qualifier, rid: $rid}]->(t)
}
RETURN count(*) AS written, count(t) AS linked
