// purpose: for each code key, the version of the code every release stated (oldest release first), with the
//          release and the date it took effect: what Code.history and descriptions(asOf:) are computed from
// params: $keys
// index: code_key (Code.system, Code.code)
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})-[:VERSION]->(v:CodeVersion)
MATCH (r:Release {id: v.rid})
WITH i, v, r ORDER BY i, coalesce(r.effectiveDate, date(r.startedAt)), r.startedAt
RETURN i, collect({
  release: r { .id, .label, .source, .loadedAt, .status, .rows, .files },
  effective: coalesce(r.effectiveDate, date(r.startedAt)),
  version: v { .shortDescription, .longDescription, .isBillable, .addedDate, .terminationDate, .coverageCode, .betos,
               .pricingIndicators, .typeOfService, .actionCode, .actionEffectiveDate, .closed }
}) AS versions
