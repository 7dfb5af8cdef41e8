// purpose: removes a failed release node and the bare code nodes only it had created
// params: $rid
// index: code_created_by (Code.createdBy); release_id (Release.id)
OPTIONAL MATCH (c:Code {createdBy: $rid})
  WHERE NOT EXISTS { (c)--() }
DELETE c
WITH count(*) AS removed
MATCH (r:Release {id: $rid})
DETACH DELETE r
