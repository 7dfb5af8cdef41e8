// purpose: tests only: empties the database a batch at a time
// params: none
// index: none (deletes every node)
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
