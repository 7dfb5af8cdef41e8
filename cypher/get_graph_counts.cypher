// purpose: how many nodes and relationships the graph holds (idempotency checks, load summaries)
// params: none
// index: none (count store)
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
