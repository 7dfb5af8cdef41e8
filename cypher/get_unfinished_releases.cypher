// purpose: releases left in staging by a load that died (of one source, or of all when $source is null)
// params: $source
// index: release_source (Release.source)
MATCH (r:Release)
WHERE r.status = 'staging' AND ($source IS NULL OR r.source = $source)
RETURN r.id AS id
