// purpose: full-text search over code numbers and the descriptions anyone may see: no plainDescription (a metered
//          page field), so a search never tells a caller which codes a text it may not view matches
// params: none
// index: creates code_public_text (full-text)
CREATE FULLTEXT INDEX code_public_text IF NOT EXISTS FOR (c:Code)
ON EACH [c.code, c.display, c.shortDescription, c.longDescription]
