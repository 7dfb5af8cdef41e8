// purpose: the shortest typed paths (1 to $maxHops steps, at most 3, either direction) between two codes over
//          the relationships of current releases in effect on $asOf, each step with its release and dates
// params: $fromSystem, $fromCode, $toSystem, $toCode, $maxHops, $asOf, $limit
// index: code_key (Code.system, Code.code); release_current (Release.current); release_id (Release.id)
//        hierarchy links (CHILD_OF) carry no rid: the hierarchy holds across releases
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
MATCH (a:Code {system: $fromSystem, code: $fromCode})
MATCH (b:Code {system: $toSystem, code: $toCode})
MATCH p = allShortestPaths(
  (a)-[:ADDON_OF|PTP|MAPS_TO|CHILD_OF|EXCLUDES1|EXCLUDES2|CODE_FIRST|USE_ADDITIONAL_CODE|CODE_ALSO|INCLUDES|INCLUSION_TERM*..3]-(b)
)
WHERE all(r IN relationships(p) WHERE (r.rid IS NULL OR r.rid IN rids)
          AND (r.validFrom IS NULL OR r.validFrom <= $asOf <= r.validTo))
WITH p
WHERE length(p) <= $maxHops
WITH p LIMIT $limit
RETURN [r IN relationships(p) | {
  type: type(r),
  fromSystem: startNode(r).system, fromCode: startNode(r).code,
  toSystem: endNode(r).system, toCode: endNode(r).code,
  properties: properties(r),
  release: COLLECT {
    MATCH (x:Release {id: coalesce(r.rid, r.release)})
    RETURN x { .id, .label, .source, .loadedAt, .status, .rows, .files }
  }[0]
}] AS steps,
[n IN nodes(p) | n.system + ' ' + n.code] AS codes
