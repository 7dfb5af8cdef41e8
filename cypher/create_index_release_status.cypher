// purpose: releases by status: reads hide what a load still staging has written
// params: none
// index: creates release_status (Release.status)
CREATE INDEX release_status IF NOT EXISTS FOR (r:Release) ON (r.status)
