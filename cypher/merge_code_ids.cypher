// purpose: makes sure each named code exists and returns its element id; a code first seen here carries the release;
//          one record of [system, code, id] triples (a record per code costs the driver more than the merge)
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (c:Code {system: row.system, code: row.code})
  ON CREATE SET c.display = row.display, c.createdBy = $rid
RETURN collect([row.system, row.code, elementId(c)]) AS ids
