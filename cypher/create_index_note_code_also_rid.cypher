// purpose: a superseded release's CODE_ALSO notes are found and removed by release id
// params: none
// index: creates note_code_also_rid
CREATE INDEX note_code_also_rid IF NOT EXISTS FOR ()-[r:CODE_ALSO]-() ON (r.rid)
