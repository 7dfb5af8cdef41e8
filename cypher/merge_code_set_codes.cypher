// purpose: code-set loads: a code with its official text and status; counts what is new and what changed (the
//          version this release states of it is written after the switch: create_code_versions)
// params: $rows, $rid
// index: code_key (Code.system, Code.code)
UNWIND $rows AS row
MERGE (c:Code {system: row.system, code: row.code})
  ON CREATE SET c.createdBy = $rid
WITH c, row, c.createdBy = $rid AS added,
     c.codeRelease IS NOT NULL AND (coalesce(c.longDescription, '') <> coalesce(row.long, '')
       OR coalesce(c.shortDescription, '') <> coalesce(row.short, '')) AS changed
// a code a previous release dropped (closed) and this one names again is back in use
SET c.terminationDate = CASE WHEN c.closedBy IS NULL THEN c.terminationDate END
SET c.display = row.display, c.shortDescription = row.short, c.longDescription = row.long,
    c.isBillable = row.billable, c.kind = row.kind, c.codeRelease = $rid, c.closedBy = null,
    c.releases = CASE WHEN $rid IN coalesce(c.releases, []) THEN c.releases ELSE coalesce(c.releases, []) + $rid END
SET c += row.props
RETURN count(*) AS written, sum(CASE WHEN added THEN 1 ELSE 0 END) AS added,
       sum(CASE WHEN changed AND NOT added THEN 1 ELSE 0 END) AS changed
