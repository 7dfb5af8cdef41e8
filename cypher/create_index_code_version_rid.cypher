// purpose: release diffs and exports find the version each release states of a code set's codes
// params: none
// index: creates code_version_rid
CREATE INDEX code_version_rid IF NOT EXISTS FOR (v:CodeVersion) ON (v.rid)
