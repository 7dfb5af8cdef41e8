// purpose: a failed staged load removes the bare code nodes it created
// params: none
// index: creates code_created_by
CREATE INDEX code_created_by IF NOT EXISTS FOR (c:Code) ON (c.createdBy)
