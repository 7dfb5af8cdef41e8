// purpose: a superseded release's INCLUSION_TERM notes are found and removed by release id
// params: none
// index: creates note_inclusion_term_rid
CREATE INDEX note_inclusion_term_rid IF NOT EXISTS FOR ()-[r:INCLUSION_TERM]-() ON (r.rid)
