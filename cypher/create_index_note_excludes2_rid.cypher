// purpose: a superseded release's EXCLUDES2 notes are found and removed by release id
// params: none
// index: creates note_excludes2_rid
CREATE INDEX note_excludes2_rid IF NOT EXISTS FOR ()-[r:EXCLUDES2]-() ON (r.rid)
