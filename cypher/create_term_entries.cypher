// purpose: ICD-10-CM index entries (term path, column heading, the code as printed), each linked to its code
//          (endpoints resolved by merge_code_ids)
// params: $rows, $rid
// index: none: codes are addressed by element id
UNWIND $rows AS row
MATCH (c) WHERE elementId(c) = row.a
CREATE (e:IndexEntry {
  rid: $rid, index: row.index, path: row.path, heading: row.heading, named: row.named, text: row.text,
  line: row.line
})
CREATE (e)-[:INDEXES {rid: $rid}]->(c)
RETURN count(*) AS written
