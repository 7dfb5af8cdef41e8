// purpose: removes, a batch at a time, the facts written by one (failed) release
// params: $rid, $limit
// index: release_id (Release.id); addon_rid, ptp_rid, gem_rid, modifier_rid, guideline_rid, note_*_rid (relationship rid)
OPTIONAL MATCH (rel:Release {id: $rid})
CALL (rel) {
  MATCH ()-[r:ADDON_OF]->() WHERE r.rid = $rid RETURN r
  UNION
  MATCH ()-[r:PTP]->() WHERE r.rid = $rid RETURN r
  UNION
  MATCH ()-[r:MAPS_TO]->() WHERE r.rid = $rid RETURN r
  UNION
  MATCH ()-[r:MODIFIER_APPLIES]->() WHERE r.rid = $rid RETURN r
  UNION
  MATCH ()-[r:APPLIES_TO]->() WHERE r.rid = $rid RETURN r
  UNION
  MATCH ()-[r:REPLACED_BY]->() WHERE r.rid = $rid RETURN r
  UNION
  MATCH ()-[r:INCLUDES|INCLUSION_TERM|EXCLUDES1|EXCLUDES2|CODE_FIRST|USE_ADDITIONAL_CODE|CODE_ALSO]->()
  WHERE r.rid = $rid RETURN r
  UNION
  MATCH (rel)<-[r:MUE|NO_MAP|CONTRACTOR_PRIMARIES]-() RETURN r
}
WITH r LIMIT $limit
DELETE r
RETURN count(r) AS deleted
