// purpose: a superseded or failed release's add-on edges are found and removed by release id
// params: none
// index: creates addon_rid
CREATE INDEX addon_rid IF NOT EXISTS FOR ()-[r:ADDON_OF]-() ON (r.rid)
