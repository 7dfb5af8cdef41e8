// purpose: code nodes for a batch of dated keys, in key order (null where unknown, or not valid on key.asOf:
//          added after it or terminated before it, unless key.anyStatus: a deleted code keeps its page), never a
//          code created by a load still staging
// params: $keys, $rids
// index: code_key (Code.system, Code.code); release_id (Release.id); release_status (Release.status)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
OPTIONAL MATCH (s:Release {status: 'staging'})
WITH $rids AS rids, collect(s.id) AS staged
UNWIND range(0, size($keys) - 1) AS i
WITH rids, staged, i, $keys[i] AS key
OPTIONAL MATCH (c:Code {system: key.system, code: key.code})
  WHERE (key.anyStatus OR ((c.addedDate IS NULL OR c.addedDate <= key.asOf) AND (c.terminationDate IS NULL OR key.asOf <= c.terminationDate)))
    AND NOT (c.createdBy IN staged AND all(x IN coalesce(c.releases, []) WHERE x IN staged))
RETURN i, c {
  .*,
  releaseList: COLLECT {
    MATCH (r:Release)
    WHERE r.id IN coalesce(c.releases, []) + [x IN [c.textRelease, c.createdBy] WHERE x IS NOT NULL]
    RETURN r { .id, .label, .source, .loadedAt, .status, .rows, .files } ORDER BY r.startedAt
  },
  isAddOn: EXISTS {
    MATCH (c)-[r:ADDON_OF]->()
    WHERE any(id IN rids WHERE id = r.rid) AND r.validFrom <= key.asOf <= r.validTo
  } OR EXISTS {
    MATCH (c)-[r:CONTRACTOR_PRIMARIES]->(:Release {current: true})
    WHERE r.validFrom <= key.asOf <= r.validTo
  },
  contractorDefinedPrimaries: EXISTS {
    MATCH (c)-[r:CONTRACTOR_PRIMARIES]->(:Release {current: true})
    WHERE r.validFrom <= key.asOf <= r.validTo
  }
} AS code
