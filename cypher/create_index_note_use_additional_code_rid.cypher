// purpose: a superseded release's USE_ADDITIONAL_CODE notes are found and removed by release id
// params: none
// index: creates note_use_additional_code_rid
CREATE INDEX note_use_additional_code_rid IF NOT EXISTS FOR ()-[r:USE_ADDITIONAL_CODE]-() ON (r.rid)
