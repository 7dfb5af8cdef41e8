// purpose: code nodes for a batch of dated keys, in key order (null where unknown, or not valid on key.asOf:
//          added after it or terminated before it)
// params: $keys, $rids
// index: code_key (Code.system, Code.code); release_current (Release.current); release_id (Release.id)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
WITH $rids AS rids
UNWIND range(0, size($keys) - 1) AS i
WITH rids, i, $keys[i] AS key
OPTIONAL MATCH (c:Code {system: key.system, code: key.code})
  WHERE (c.addedDate IS NULL OR c.addedDate <= key.asOf) AND (c.terminationDate IS NULL OR key.asOf <= c.terminationDate)
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
