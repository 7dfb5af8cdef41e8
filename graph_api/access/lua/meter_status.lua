-- Where one meter stands, in one round trip (a Redis Cluster client pipelines nothing across slots anyway).
-- KEYS[1]: the meter's set of viewed codes; KEYS[2] (a guest's): its address's set, in the same slot.
-- Returns {used, ttl_seconds} and, with KEYS[2], {used, ttl_seconds, address_used, address_ttl_seconds}.
local result = {redis.call('SCARD', KEYS[1]), redis.call('TTL', KEYS[1])}
if #KEYS > 1 then
  table.insert(result, redis.call('SCARD', KEYS[2]))
  table.insert(result, redis.call('TTL', KEYS[2]))
end
return result
