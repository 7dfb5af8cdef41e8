// purpose: for each key, the code's neighbours across relation types in effect on key.asOf, each relation
//          weighted; neighbours ranked by the sum of their weights, at most key.first of them, with the reasons
// params: $keys, $perRelation
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($keys) - 1) AS i
WITH rids, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
CALL (c, key, rids) {
  MATCH (c)-[r:ADDON_OF]->(n:Code)
  WHERE any(id IN rids WHERE id = r.rid) AND r.validFrom <= key.asOf <= r.validTo
  WITH DISTINCT n, r.type AS detail ORDER BY n.code LIMIT $perRelation
  RETURN n, 'PRIMARY_CODE' AS relation, 1.0 AS weight, 'add-on type ' + toString(detail) AS detail
  UNION ALL
  MATCH (c)<-[r:ADDON_OF]-(n:Code)
  WHERE any(id IN rids WHERE id = r.rid) AND r.validFrom <= key.asOf <= r.validTo
  WITH DISTINCT n, r.type AS detail ORDER BY n.code LIMIT $perRelation
  RETURN n, 'ADD_ON_CODE' AS relation, 1.0 AS weight, 'add-on type ' + toString(detail) AS detail
  UNION ALL
  MATCH (c)-[:CHILD_OF]->(n:Code)
  RETURN n, 'PARENT' AS relation, 0.8 AS weight, n.kind AS detail
  UNION ALL
  MATCH (c)-[r:MAPS_TO]-(n:Code)
  WHERE any(id IN rids WHERE id = r.rid)
  WITH n, min(CASE WHEN r.approximate THEN 1 ELSE 0 END) AS approximate ORDER BY n.code LIMIT $perRelation
  RETURN n, 'CROSSWALK' AS relation, CASE approximate WHEN 0 THEN 0.9 ELSE 0.7 END AS weight,
         CASE approximate WHEN 0 THEN 'GEM, identical' ELSE 'GEM, approximate' END AS detail
  UNION ALL
  MATCH (c)<-[:CHILD_OF]-(n:Code)
  WITH n ORDER BY n.code LIMIT $perRelation
  RETURN n, 'CHILD' AS relation, 0.6 AS weight, n.kind AS detail
  UNION ALL
  MATCH (c)-[r:EXCLUDES1|EXCLUDES2|CODE_FIRST|USE_ADDITIONAL_CODE|CODE_ALSO]->(n:Code)
  WHERE any(id IN rids WHERE id = r.rid)
  WITH DISTINCT n, type(r) AS kind ORDER BY n.code LIMIT $perRelation
  RETURN n, kind AS relation, 0.5 AS weight, 'instructional note' AS detail
  UNION ALL
  MATCH (c)-[r:PTP]-(n:Code)
  WHERE any(id IN rids WHERE id = r.rid) AND r.validFrom <= key.asOf <= r.validTo
  WITH n, min(r.modifierIndicator) AS indicator ORDER BY indicator, n.code LIMIT $perRelation
  RETURN n, 'PTP_EDIT' AS relation, CASE indicator WHEN 0 THEN 0.4 ELSE 0.3 END AS weight,
         'modifier indicator ' + toString(indicator) AS detail
  UNION ALL
  MATCH (c)-[:CHILD_OF]->(:Code)<-[:CHILD_OF]-(n:Code)
  WHERE n <> c
  WITH n ORDER BY n.code LIMIT $perRelation
  RETURN n, 'SIBLING' AS relation, 0.2 AS weight, n.kind AS detail
}
WITH i, key, n, sum(weight) AS score, collect({relation: relation, detail: detail}) AS reasons
ORDER BY i, score DESC, n.system, n.code
WITH i, key, collect({system: n.system, code: n.code, score: score, reasons: reasons}) AS related
RETURN i, related[..key.first] AS related
