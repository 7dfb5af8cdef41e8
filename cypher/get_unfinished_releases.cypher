// purpose: releases of a source left in staging by a load that died; the next load removes them
// params: $source
// index: release_source (Release.source)
MATCH (r:Release {source: $source})
WHERE r.status = 'staging'
RETURN r.id AS id
