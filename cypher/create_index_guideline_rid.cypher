// purpose: a superseded guidelines release's links are found and removed by release id
// params: none
// index: creates guideline_rid
CREATE INDEX guideline_rid IF NOT EXISTS FOR ()-[r:APPLIES_TO]-() ON (r.rid)
