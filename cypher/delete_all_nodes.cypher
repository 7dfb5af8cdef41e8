// purpose: tests and benchmarks only: removes every node (run after delete_all_relationships)
// params: none
// index: none (scans all nodes)
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS
