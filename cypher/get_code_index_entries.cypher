// purpose: for each code key, the ICD-10-CM index entries (current releases) that lead to the code
// params: $keys
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the IndexEntry rid
//        index (every entry of the current releases) instead of the code
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($keys) - 1) AS i
WITH rids, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
MATCH (c)<-[:INDEXES]-(e:IndexEntry)
WHERE any(id IN rids WHERE id = e.rid)
WITH i, e ORDER BY i, e.index, e.path, e.heading
RETURN i, collect(e { .index, .path, .heading, .named }) AS entries
