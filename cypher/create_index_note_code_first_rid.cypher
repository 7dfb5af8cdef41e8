// purpose: a superseded release's CODE_FIRST notes are found and removed by release id
// params: none
// index: creates note_code_first_rid
CREATE INDEX note_code_first_rid IF NOT EXISTS FOR ()-[r:CODE_FIRST]-() ON (r.rid)
