-- Counts one request of one caller in the current minute, adds the cost its earlier operations left pending
-- in this process, and reads the cost spent this minute; fixed window.
-- KEYS[1]: the caller's request counter for this minute; KEYS[2]: its cost counter for this minute.
-- ARGV[1]: window in seconds; ARGV[2]: pending cost to add (optional, default 0).
-- Returns {requests, cost, ttl_seconds}.
local window = tonumber(ARGV[1])
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('EXPIRE', KEYS[1], window)
end
local pending = tonumber(ARGV[2] or '0')
local cost
if pending > 0 then
  cost = redis.call('INCRBY', KEYS[2], pending)
  if redis.call('TTL', KEYS[2]) < 0 then
    redis.call('EXPIRE', KEYS[2], window)
  end
else
  cost = tonumber(redis.call('GET', KEYS[2]) or '0')
end
return {count, cost, redis.call('TTL', KEYS[1])}
