// purpose: how many codes a code-prefix search matches (totalCount)
// params: $prefix, $systems
// index: code_code (Code.code) with STARTS WITH
MATCH (c:Code)
  USING INDEX c:Code(code)
WHERE c.code STARTS WITH $prefix AND c.system IN $systems
RETURN count(c) AS total
