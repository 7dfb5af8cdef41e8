// purpose: code-prefix search ("9755" finds 97550-97552) uses STARTS WITH on this index
// params: none
// index: creates code_code
CREATE INDEX code_code IF NOT EXISTS FOR (c:Code) ON (c.code)
