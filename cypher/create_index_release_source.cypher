// purpose: a load finds the current release of its source
// params: none
// index: creates release_source
CREATE INDEX release_source IF NOT EXISTS FOR (r:Release) ON (r.source)
