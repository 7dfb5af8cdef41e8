// purpose: one Code node per (system, code); also the index every code lookup uses
// params: none
// index: creates code_key
CREATE CONSTRAINT code_key IF NOT EXISTS FOR (c:Code) REQUIRE (c.system, c.code) IS UNIQUE
