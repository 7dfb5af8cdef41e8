// purpose: a superseded or failed release's MAPS_TO edges are found and removed by release id
// params: none
// index: creates gem_rid
CREATE INDEX gem_rid IF NOT EXISTS FOR ()-[r:MAPS_TO]-() ON (r.rid)
