// purpose: modifier nodes for a batch of modifier codes, in key order (null where unknown)
// params: $codes
// index: modifier_key (Modifier.code)
UNWIND range(0, size($codes) - 1) AS i
OPTIONAL MATCH (m:Modifier {code: $codes[i]})
RETURN i, m { .* } AS modifier
