// purpose: the ids of the current releases: what the read cache keys its generation on (any load that
//          switches a release changes them)
// params: none
// index: release_current (Release.current)
MATCH (r:Release)
WHERE r.current = true
WITH r.id AS id ORDER BY id
RETURN collect(id) AS ids
