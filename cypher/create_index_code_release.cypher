// purpose: a new code-set release finds the codes the previous one named (to close those it drops)
// params: none
// index: creates code_release
CREATE INDEX code_release IF NOT EXISTS FOR (c:Code) ON (c.codeRelease)
