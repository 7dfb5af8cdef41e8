// purpose: forgets every cached plan, as a freshly started Neo4j has none (bench/cold_start.py)
// params: none
// index: none (procedure call)
CALL db.clearQueryCaches()
