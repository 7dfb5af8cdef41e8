// purpose: one Modifier node per modifier code (25, 59, XE, LT, ...)
// params: none
// index: creates modifier_key
CREATE CONSTRAINT modifier_key IF NOT EXISTS FOR (m:Modifier) REQUIRE m.code IS UNIQUE
