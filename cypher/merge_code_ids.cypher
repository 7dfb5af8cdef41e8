// purpose: makes sure each named code exists and returns its element id; a code first seen here carries the release
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (c:Code {system: row.system, code: row.code})
  ON CREATE SET c.display = row.display, c.createdBy = $rid
RETURN row.system AS system, row.code AS code, elementId(c) AS id
