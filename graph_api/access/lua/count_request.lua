-- Counts one request of a partner key in the current minute; fixed window.
-- KEYS[1]: the key's counter for this minute. ARGV[1]: window in seconds.
-- Returns {count, ttl_seconds}.
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]))
end
return {count, redis.call('TTL', KEYS[1])}
