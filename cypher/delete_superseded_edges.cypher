// purpose: removes, a batch at a time, the facts of releases that a newer release of the source replaced; the
//          release the current one replaced keeps its facts (reads see only current ones) so edgeDiff can
//          compare the two
// params: $source, $limit
// index: release_source (Release.source); addon_rid, ptp_rid, gem_rid, modifier_rid, guideline_rid, note_*_rid (relationship rid)
MATCH (old:Release {source: $source})
WHERE old.status = 'superseded'
  AND NOT EXISTS { MATCH (:Release {id: old.supersededBy, current: true}) }
WITH collect(old.id) AS rids, collect(old) AS olds
CALL (rids, olds) {
  MATCH ()-[r:ADDON_OF]->() WHERE r.rid IN rids RETURN r
  UNION
  MATCH ()-[r:PTP]->() WHERE r.rid IN rids RETURN r
  UNION
  MATCH ()-[r:MAPS_TO]->() WHERE r.rid IN rids RETURN r
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
  UNWIND olds AS old MATCH (old)<-[r:MUE|NO_MAP|CONTRACTOR_PRIMARIES]-() RETURN r
}
WITH r LIMIT $limit
DELETE r
RETURN count(r) AS deleted
