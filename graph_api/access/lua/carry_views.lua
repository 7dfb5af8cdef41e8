-- Carries one meter's viewed codes into another (a guest signing in; a guest's IP meter into its cookie).
-- KEYS[1]: from; KEYS[2]: to. ARGV[1]: period in seconds (TTL of `to` when it has none);
-- ARGV[2]: '1' to carry only into a meter that does not exist yet (a guest's first cookie request).
-- Returns the number of codes `to` holds afterwards.
local fresh_only = ARGV[2] == '1'
if redis.call('EXISTS', KEYS[1]) == 1 and not (fresh_only and redis.call('EXISTS', KEYS[2]) == 1) then
  redis.call('SUNIONSTORE', KEYS[2], KEYS[2], KEYS[1])
  if redis.call('TTL', KEYS[2]) < 0 then
    local ttl = redis.call('TTL', KEYS[1])
    if ttl < 0 then ttl = tonumber(ARGV[1]) end
    redis.call('EXPIRE', KEYS[2], ttl)
  end
end
return redis.call('SCARD', KEYS[2])
