// purpose: CPT descriptors from an AMA licensee's data files (long, medium, short, consumer, clinician)
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (c:Code {system: 'CPT', code: row.code})
  ON CREATE SET c.createdBy = $rid, c.display = row.code
SET c += row.props, c.descriptorRelease = $rid,
    c.releases = CASE WHEN $rid IN coalesce(c.releases, []) THEN c.releases ELSE coalesce(c.releases, []) + $rid END
RETURN count(*) AS written
