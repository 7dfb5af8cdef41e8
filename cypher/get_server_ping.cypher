// purpose: health check; answers 1 when the database accepts queries
// params: none
// index: none (no graph access)
RETURN 1 AS ok
