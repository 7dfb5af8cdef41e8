// purpose: how many changes get_release_diff answers between two releases of one code set (totalCount)
// params: $from, $to, $fields, $changes
// index: code_version_rid (CodeVersion.rid)
CALL () {
  MATCH (v:CodeVersion {rid: $to}) RETURN v
  UNION
  MATCH (v:CodeVersion {rid: $from}) RETURN v
}
MATCH (c:Code)-[:VERSION]->(v)
WITH DISTINCT c
OPTIONAL MATCH (c)-[:VERSION {rid: $from}]->(a)
OPTIONAL MATCH (c)-[:VERSION {rid: $to}]->(b)
WITH c, a, b, a IS NOT NULL AND a.terminationDate IS NULL AS activeBefore,
     b IS NOT NULL AND b.terminationDate IS NULL AS activeAfter,
     a IS NOT NULL AND b IS NOT NULL AND NOT coalesce(a.closed, false) AND NOT coalesce(b.closed, false) AS inBoth
WITH a, b, activeBefore, activeAfter,
     [f IN $fields WHERE inBoth AND coalesce(a[f] <> b[f], (a[f] IS NULL) <> (b[f] IS NULL))] AS fields
RETURN sum(size([k IN [
  CASE WHEN a IS NULL AND b IS NOT NULL AND NOT coalesce(b.closed, false) THEN 'ADDED' END,
  CASE WHEN a IS NOT NULL AND NOT activeBefore AND activeAfter THEN 'REINSTATED' END,
  CASE WHEN size(fields) > 0 THEN 'REVISED' END,
  CASE WHEN activeBefore AND NOT activeAfter THEN 'TERMINATED' END
] WHERE k IS NOT NULL AND k IN $changes])) AS total
