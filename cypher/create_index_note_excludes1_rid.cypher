// purpose: a superseded release's EXCLUDES1 notes are found and removed by release id
// params: none
// index: creates note_excludes1_rid
CREATE INDEX note_excludes1_rid IF NOT EXISTS FOR ()-[r:EXCLUDES1]-() ON (r.rid)
