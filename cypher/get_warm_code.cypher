// purpose: one code to warm the code page with before a process serves: one with PTP edges if the graph has any
//          (more parts of its page may find rows), else any code
// params: none
// index: none: the first match of a label scan
CALL () {
  MATCH (c:Code)-[:PTP]->()
  RETURN c LIMIT 1
  UNION
  MATCH (c:Code)
  RETURN c LIMIT 1
}
RETURN c.system AS system, c.code AS code
LIMIT 1
