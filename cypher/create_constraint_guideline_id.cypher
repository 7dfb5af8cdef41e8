// purpose: one Guideline node per guideline id
// params: none
// index: creates guideline_id
CREATE CONSTRAINT guideline_id IF NOT EXISTS FOR (g:Guideline) REQUIRE g.id IS UNIQUE
