// purpose: records a load before its rows are written; invisible to reads until switch_release
// params: $id, $source, $label, $files, $sha256, $effective
// index: release_id (Release.id)
CREATE (:Release {
  id: $id, source: $source, label: $label, files: $files, sha256: $sha256,
  status: 'staging', current: false, startedAt: datetime(), effectiveDate: $effective
})
