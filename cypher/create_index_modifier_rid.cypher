// purpose: a superseded or failed release's MODIFIER_APPLIES edges are found and removed by release id
// params: none
// index: creates modifier_rid
CREATE INDEX modifier_rid IF NOT EXISTS FOR ()-[r:MODIFIER_APPLIES]-() ON (r.rid)
