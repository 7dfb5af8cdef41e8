// purpose: makes a staged release the current one of its source, in one step; answers how many releases of the
//          source are superseded now (none: nothing is left to delete after the switch)
// params: $id, $source, $rows
// index: release_id (Release.id); release_source (Release.source)
MATCH (new:Release {id: $id})
OPTIONAL MATCH (old:Release {source: $source})
  WHERE old.current = true AND old.id <> $id
SET old.current = false, old.status = 'superseded', old.supersededBy = $id
WITH DISTINCT new
SET new.current = true, new.status = 'current', new.rows = $rows, new.loadedAt = datetime()
WITH new
OPTIONAL MATCH (gone:Release {source: $source})
  WHERE gone.status = 'superseded'
RETURN count(gone) AS superseded
