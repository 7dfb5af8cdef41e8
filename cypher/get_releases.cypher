// purpose: every release ever loaded, newest first
// params: none
// index: release_id (Release.id) scan of a small label; releases are few
MATCH (r:Release)
RETURN r { .id, .source, .label, .files, .sha256, .rows, .status, .current, .loadedAt, .startedAt, .supersededBy } AS release
ORDER BY r.startedAt DESC
