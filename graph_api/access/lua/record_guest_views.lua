-- Admits a guest's code page views against its cookie's meter AND its address's meter, atomically:
-- clearing cookies gives a fresh cookie meter, never a fresh address budget.
-- KEYS[1]: the guest's set of viewed codes; KEYS[2]: the address's set.
-- ARGV[1]: guest limit; ARGV[2]: address limit (-1 = unlimited); ARGV[3]: period in seconds; ARGV[4..]: codes.
-- Returns {used (guest), ttl_seconds (guest), admitted_1, ...}. A code the guest viewed in the period is free;
-- a code another guest of the address viewed costs the guest a page but not the address.
local limit = tonumber(ARGV[1])
local shared_limit = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local used = redis.call('SCARD', KEYS[1])
local shared_used = redis.call('SCARD', KEYS[2])
local result = {0, 0}
for i = 4, #ARGV do
  local code = ARGV[i]
  if redis.call('SISMEMBER', KEYS[1], code) == 1 then
    table.insert(result, 1)
  else
    local shared_seen = redis.call('SISMEMBER', KEYS[2], code) == 1
    local shared_ok = shared_seen or shared_limit < 0 or shared_used < shared_limit
    if (limit < 0 or used < limit) and shared_ok then
      redis.call('SADD', KEYS[1], code)
      used = used + 1
      if not shared_seen then
        redis.call('SADD', KEYS[2], code)
        shared_used = shared_used + 1
      end
      table.insert(result, 1)
    else
      table.insert(result, 0)
    end
  end
end
for k = 1, 2 do
  if redis.call('EXISTS', KEYS[k]) == 1 and redis.call('TTL', KEYS[k]) < 0 then
    redis.call('EXPIRE', KEYS[k], period)
  end
end
local ttl = redis.call('TTL', KEYS[1])
result[1] = used
result[2] = ttl
return result
