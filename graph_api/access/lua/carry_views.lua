-- Carries viewed codes into a meter (a guest signing in; a guest's IP meter into its cookie).
-- One key, so it runs on any Redis Cluster node: the caller reads the source meter first (SMEMBERS, TTL).
-- KEYS[1]: to. ARGV[1]: period in seconds (TTL of `to` when neither has one);
-- ARGV[2]: '1' to carry only into a meter that does not exist yet (a guest's first cookie request);
-- ARGV[3]: the source's TTL in seconds (<= 0: none); ARGV[4..]: the source's codes.
-- Returns the number of codes `to` holds afterwards.
if #ARGV < 4 or (ARGV[2] == '1' and redis.call('EXISTS', KEYS[1]) == 1) then
  return redis.call('SCARD', KEYS[1])
end
for i = 4, #ARGV do
  redis.call('SADD', KEYS[1], ARGV[i])
end
if redis.call('TTL', KEYS[1]) < 0 then
  local ttl = tonumber(ARGV[3])
  if ttl <= 0 then ttl = tonumber(ARGV[1]) end
  redis.call('EXPIRE', KEYS[1], ttl)
end
return redis.call('SCARD', KEYS[1])
