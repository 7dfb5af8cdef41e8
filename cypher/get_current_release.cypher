// purpose: the release of a source that reads currently see
// params: $source
// index: release_source (Release.source)
MATCH (r:Release {source: $source})
WHERE r.current = true
RETURN r.id AS id, r.label AS label, r.sha256 AS sha256
