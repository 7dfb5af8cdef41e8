// purpose: tests and benchmarks only: removes every relationship, a bounded batch per transaction
// params: none
// index: none (scans all relationships)
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS
