-- Adds one operation's cost to its caller's cost counter for this minute; fixed window.
-- KEYS[1]: the caller's cost counter. ARGV[1]: the cost; ARGV[2]: window in seconds. Returns the new total.
local total = redis.call('INCRBY', KEYS[1], tonumber(ARGV[1]))
if redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
end
return total
