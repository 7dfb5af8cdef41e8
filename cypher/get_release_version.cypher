// purpose: the ids of the current releases: what the read cache keys its generation on (any load that
//          switches a release changes them), and each one's label and source for the reads to join after paging
// params: none
// index: release_current (Release.current)
MATCH (r:Release)
WHERE r.current = true
WITH r ORDER BY r.id
RETURN collect(r.id) AS ids, collect({id: r.id, label: r.label, source: r.source}) AS releases
