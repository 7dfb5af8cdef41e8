-- Admits code page views against one meter, atomically.
-- KEYS[1]: the meter's set of viewed codes
-- ARGV[1]: limit (-1 = unlimited); ARGV[2]: period in seconds; ARGV[3..]: codes, in the order asked
-- Returns {used, ttl_seconds, admitted_1, admitted_2, ...} (1 admitted, 0 refused).
-- A code already viewed in the period is admitted again for free. The period starts at the first view.
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local used = redis.call('SCARD', KEYS[1])
local result = {0, 0}
for i = 3, #ARGV do
  local code = ARGV[i]
  if redis.call('SISMEMBER', KEYS[1], code) == 1 then
    table.insert(result, 1)
  elseif limit < 0 or used < limit then
    redis.call('SADD', KEYS[1], code)
    used = used + 1
    table.insert(result, 1)
  else
    table.insert(result, 0)
  end
end
local ttl = redis.call('TTL', KEYS[1])
if used > 0 and ttl < 0 then
  redis.call('EXPIRE', KEYS[1], period)
  ttl = period
end
result[1] = used
result[2] = ttl
return result
