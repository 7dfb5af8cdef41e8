// purpose: full-text search over code numbers and descriptions
// params: none
// index: creates code_text (full-text)
CREATE FULLTEXT INDEX code_text IF NOT EXISTS FOR (c:Code)
ON EACH [c.code, c.display, c.shortDescription, c.longDescription, c.plainDescription]
