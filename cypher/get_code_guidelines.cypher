// purpose: for each code key, the guidelines that apply to it (current releases)
// params: $keys
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($keys) - 1) AS i
WITH rids, i, $keys[i] AS key
MATCH (:Code {system: key.system, code: key.code})<-[a:APPLIES_TO]-(g:Guideline)
WHERE any(id IN rids WHERE id = a.rid)
WITH i, g ORDER BY i, g.title
RETURN i, collect(DISTINCT g { .id, .title, .body, .source, .url }) AS guidelines
