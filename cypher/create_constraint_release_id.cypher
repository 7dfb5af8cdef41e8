// purpose: one Release node per load
// params: none
// index: creates release_id
CREATE CONSTRAINT release_id IF NOT EXISTS FOR (r:Release) REQUIRE r.id IS UNIQUE
