// purpose: every read finds the current releases through this index
// params: none
// index: creates release_current
CREATE INDEX release_current IF NOT EXISTS FOR (r:Release) ON (r.current)
