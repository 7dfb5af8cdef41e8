// purpose: for each code key, the modifiers its fee-schedule indicators allow, and the NCCI bypass modifiers when a
//          PTP edit with modifier indicator 1 names it on key.asOf
// params: $keys
// index: code_key (Code.system, Code.code); release_current (Release.current)
//        rids are matched with any(): a plain `rid IN rids` lets the planner start from the relationship rid
//        index (every fact of the current releases) instead of the code
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($keys) - 1) AS i
WITH rids, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
CALL (c, key, rids) {
  MATCH (c)-[a:MODIFIER_APPLIES]->(m:Modifier)
  WHERE any(id IN rids WHERE id = a.rid)
  RETURN m.code AS code, a.field + ' ' + a.value AS indicator, a.meaning AS reason
  UNION
  WITH c, key, rids
  WHERE EXISTS {
    MATCH (c)-[p:PTP]-()
    WHERE any(id IN rids WHERE id = p.rid) AND p.modifierIndicator = 1 AND p.validFrom <= key.asOf <= p.validTo
  }
  UNWIND ['59', 'XE', 'XP', 'XS', 'XU'] AS code
  RETURN code, 'NCCI PTP modifier indicator 1' AS indicator,
         'an NCCI-associated modifier may bypass a PTP edit when documentation supports a distinct service' AS reason
}
WITH i, code, indicator, reason ORDER BY i, code, indicator
RETURN i, collect({code: code, indicator: indicator, reason: reason}) AS modifiers
