// purpose: for each code key, the guidelines that apply to it (current releases)
// params: $keys
// index: code_key (Code.system, Code.code); release_current (Release.current)
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($keys) - 1) AS i
WITH rids, i, $keys[i] AS key
MATCH (:Code {system: key.system, code: key.code})<-[a:APPLIES_TO]-(g:Guideline)
WHERE a.rid IN rids
WITH i, g ORDER BY i, g.title
RETURN i, collect(DISTINCT g { .id, .title, .body, .source, .url }) AS guidelines
