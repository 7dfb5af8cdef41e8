// purpose: a superseded release's INCLUDES notes are found and removed by release id
// params: none
// index: creates note_includes_rid
CREATE INDEX note_includes_rid IF NOT EXISTS FOR ()-[r:INCLUDES]-() ON (r.rid)
