// purpose: blocks until every index is online, so loads and reads after `db init` use them
// params: none
// index: none (procedure call)
CALL db.awaitIndexes(300)
