// purpose: a superseded or failed release's PTP edges are found and removed by release id
// params: none
// index: creates ptp_rid
CREATE INDEX ptp_rid IF NOT EXISTS FOR ()-[r:PTP]-() ON (r.rid)
