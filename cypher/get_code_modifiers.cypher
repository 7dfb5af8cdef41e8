// purpose: for each code key, the modifiers its fee-schedule indicators allow, and the NCCI bypass modifiers when a
//          PTP edit with modifier indicator 1 names it on key.asOf
// params: $keys
// index: code_key (Code.system, Code.code); release_current (Release.current)
MATCH (rel:Release {current: true})
WITH collect(rel.id) AS rids
UNWIND range(0, size($keys) - 1) AS i
WITH rids, i, $keys[i] AS key
MATCH (c:Code {system: key.system, code: key.code})
CALL (c, key, rids) {
  MATCH (c)-[a:MODIFIER_APPLIES]->(m:Modifier)
  WHERE a.rid IN rids
  RETURN m.code AS code, a.field + ' ' + a.value AS indicator, a.meaning AS reason
  UNION
  WITH c, key, rids
  WHERE EXISTS {
    MATCH (c)-[p:PTP]-()
    WHERE p.rid IN rids AND p.modifierIndicator = 1 AND p.validFrom <= key.asOf <= p.validTo
  }
  UNWIND ['59', 'XE', 'XP', 'XS', 'XU'] AS code
  RETURN code, 'NCCI PTP modifier indicator 1' AS indicator,
         'an NCCI-associated modifier may bypass a PTP edit when documentation supports a distinct service' AS reason
}
WITH i, code, indicator, reason ORDER BY i, code, indicator
RETURN i, collect({code: code, indicator: indicator, reason: reason}) AS modifiers
