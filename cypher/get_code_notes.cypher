// purpose: for each code key, the instructional notes that apply to it: its own and those of its ancestors, with
//          the code or block each names (and the qualifier it adds); a note that names nothing the graph has is
//          answered too, from the note lists the tabular load keeps on the code, without a target. Codes of one
//          chapter share their ancestors: each level's notes are read once per statement, then handed to every
//          key under it
// params: $keys
// index: code_key (Code.system, Code.code)
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
MATCH path = (c)-[:CHILD_OF*0..6]->(level:Code)
WITH level, collect([i, length(path)]) AS under
CALL (level) {
  MATCH (level)-[n:INCLUDES|INCLUSION_TERM|EXCLUDES1|EXCLUDES2|CODE_FIRST|USE_ADDITIONAL_CODE|CODE_ALSO]->(t:Code)
  RETURN type(n) AS kind, n.text AS text, n.named AS named, n.qualifier AS qualifier, t
  UNION ALL
  UNWIND [['includes', 'INCLUDES'], ['inclusionTerm', 'INCLUSION_TERM'], ['excludes1', 'EXCLUDES1'],
          ['excludes2', 'EXCLUDES2'], ['codeFirst', 'CODE_FIRST'], ['useAdditionalCode', 'USE_ADDITIONAL_CODE'],
          ['codeAlso', 'CODE_ALSO']] AS pair
  WITH level, pair, [x IN coalesce(level[pair[0] + 'Notes'], []) WHERE NOT EXISTS {
    MATCH (level)-[n]->(:Code) WHERE type(n) = pair[1] AND n.text = x
  }] AS unlinked
  UNWIND unlinked AS text
  RETURN DISTINCT pair[1] AS kind, text, null AS named, null AS qualifier, null AS t
}
UNWIND under AS at
WITH at[0] AS i, at[1] AS depth, level, kind, text, named, qualifier, t
ORDER BY i, depth, kind, t.code, text
RETURN i, collect({
  kind: kind, text: text, named: named, qualifier: qualifier, levelKind: level.kind, levelCode: level.code,
  depth: depth, targetSystem: t.system, targetCode: t.code, targetDisplay: t.display
}) AS notes
