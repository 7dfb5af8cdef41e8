// purpose: for each code key, what the files say replaced it and what it replaced: HCPCS cross references of
//          discontinued codes (REPLACED_BY) and, for ICD-9 codes, the ICD-10 codes the GEMs map them to
// params: $keys
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid index
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($keys) - 1) AS i
WITH rids, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
RETURN i,
  COLLECT {
    MATCH (c)-[r:REPLACED_BY]->(t:Code) WHERE any(id IN rids WHERE id = r.rid)
    RETURN DISTINCT t.system + ' ' + t.code AS ref
    UNION
    MATCH (c)-[m:MAPS_TO]->(t:Code)
    WHERE c.system IN ['ICD9CM', 'ICD9PROC'] AND t.system IN ['ICD10CM', 'ICD10PCS'] AND any(id IN rids WHERE id = m.rid)
    RETURN DISTINCT t.system + ' ' + t.code AS ref
  } AS replacedBy,
  COLLECT {
    MATCH (c)<-[r:REPLACED_BY]-(s:Code) WHERE any(id IN rids WHERE id = r.rid)
    RETURN DISTINCT s.system + ' ' + s.code AS ref
    UNION
    MATCH (c)<-[m:MAPS_TO]-(s:Code)
    WHERE c.system IN ['ICD10CM', 'ICD10PCS'] AND s.system IN ['ICD9CM', 'ICD9PROC'] AND any(id IN rids WHERE id = m.rid)
    RETURN DISTINCT s.system + ' ' + s.code AS ref
  } AS replaces
