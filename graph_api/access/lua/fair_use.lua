-- Counts one request of one caller in the current minute and reads the cost it has spent; fixed window.
-- KEYS[1]: the caller's request counter for this minute; KEYS[2]: its cost counter for this minute.
-- ARGV[1]: window in seconds. Returns {requests, cost, ttl_seconds}.
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
end
local cost = tonumber(redis.call('GET', KEYS[2]) or '0')
return {count, cost, redis.call('TTL', KEYS[1])}
