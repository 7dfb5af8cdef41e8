// purpose: makes a staged release the current one of its source, in one step
// params: $id, $source, $rows
// index: release_id (Release.id); release_source (Release.source)
MATCH (new:Release {id: $id})
OPTIONAL MATCH (old:Release {source: $source})
  WHERE old.current = true AND old.id <> $id
SET old.current = false, old.status = 'superseded', old.supersededBy = $id
WITH DISTINCT new
SET new.current = true, new.status = 'current', new.rows = $rows, new.loadedAt = datetime()
