// purpose: removes, a batch at a time, the nodes a release owns (ICD-10-CM index entries) once a newer release
//          of the source replaced it
// params: $source, $limit
// index: release_source (Release.source); index_entry_rid (IndexEntry.rid)
MATCH (old:Release {source: $source})
WHERE old.status = 'superseded'
WITH collect(old.id) AS rids
MATCH (e:IndexEntry)
WHERE e.rid IN rids
WITH e LIMIT $limit
DETACH DELETE e
RETURN count(*) AS deleted
