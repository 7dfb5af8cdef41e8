// purpose: CPT descriptors from an AMA licensee's data files (long, medium, short, consumer, clinician), and the
//          version of the code this release states (history, diffs and exports of the licensee's release only)
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (c:Code {system: 'CPT', code: row.code})
  ON CREATE SET c.createdBy = $rid, c.display = row.code
SET c += row.props, c.descriptorRelease = $rid,
    c.releases = CASE WHEN $rid IN coalesce(c.releases, []) THEN c.releases ELSE coalesce(c.releases, []) + $rid END
WITH c
// the release id is on the relationship and the new node has no label to MERGE on: plans made inside one load
// transaction see old statistics, and must walk from the code, never scan or seek the growing versions
MERGE (c)-[:VERSION {rid: $rid}]->(v)
SET v:CodeVersion, v.rid = $rid, v.system = c.system, v.code = c.code, v.shortDescription = c.shortDescription,
    v.longDescription = c.longDescription, v.isBillable = c.isBillable, v.addedDate = c.addedDate,
    v.terminationDate = c.terminationDate
RETURN count(*) AS written
