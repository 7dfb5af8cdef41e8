// purpose: removes, a batch at a time, the facts of releases that a newer release of the source replaced; the
//          edits and mappings of the release the current one replaced stay (reads see only current releases) so
//          edgeDiff can compare the two, and go when a newer release replaces the current one
// params: $source, $limit
// index: release_source (Release.source); release_id (Release.id); addon_rid, ptp_rid, gem_rid, modifier_rid, guideline_rid, note_*_rid (relationship rid)
MATCH (old:Release {source: $source})
WHERE old.status = 'superseded'
OPTIONAL MATCH (next:Release {id: old.supersededBy})
WITH collect(old.id) AS rids,
     collect(CASE WHEN coalesce(next.current, false) THEN null ELSE old.id END) AS gone,
     collect(CASE WHEN coalesce(next.current, false) THEN null ELSE old END) AS goneReleases
CALL (rids, gone, goneReleases) {
  MATCH ()-[r:ADDON_OF]->() WHERE r.rid IN gone RETURN r
  UNION
  MATCH ()-[r:PTP]->() WHERE r.rid IN gone RETURN r
  UNION
  MATCH ()-[r:MAPS_TO]->() WHERE r.rid IN gone RETURN r
  UNION
  MATCH ()-[r:MODIFIER_APPLIES]->() WHERE r.rid IN rids RETURN r
  UNION
  MATCH ()-[r:APPLIES_TO]->() WHERE r.rid IN rids RETURN r
  UNION
  MATCH ()-[r:REPLACED_BY]->() WHERE r.rid IN rids RETURN r
  UNION
  MATCH ()-[r:INCLUDES|INCLUSION_TERM|EXCLUDES1|EXCLUDES2|CODE_FIRST|USE_ADDITIONAL_CODE|CODE_ALSO]->()
  WHERE r.rid IN rids RETURN r
  UNION
  UNWIND goneReleases AS old MATCH (old)<-[r:MUE|NO_MAP|CONTRACTOR_PRIMARIES]-() RETURN r
}
WITH r LIMIT $limit
DELETE r
RETURN count(r) AS deleted
