// purpose: hierarchy: links each code to its parent in the same code set (a changed parent moves the link)
// params: $rows, $rid
// index: code_key (Code.system, Code.code), pinned with USING INDEX: plans made while a load's one transaction
//        runs see the statistics of the graph before it, and would scan once it has grown
UNWIND $rows AS row
MATCH (c:Code {system: row.system, code: row.code})
  USING INDEX c:Code(system, code)
MATCH (p:Code {system: row.system, code: row.parent})
  USING INDEX p:Code(system, code)
CALL (c, p) {
  OPTIONAL MATCH (c)-[old:CHILD_OF]->(other)
  WHERE other <> p
  DELETE old
}
MERGE (c)-[r:CHILD_OF]->(p)
  ON CREATE SET r.release = $rid
RETURN count(*) AS written
