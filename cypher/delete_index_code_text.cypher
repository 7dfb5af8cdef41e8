// purpose: removes the full-text index of earlier versions, which also held plainDescription (metered text)
// params: none
// index: drops code_text
DROP INDEX code_text IF EXISTS
