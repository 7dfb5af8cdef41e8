-- Where one meter stands, in one round trip (a Redis Cluster client pipelines nothing across slots anyway).
-- KEYS[1]: the meter's set of viewed codes. Returns {used, ttl_seconds}.
return {redis.call('SCARD', KEYS[1]), redis.call('TTL', KEYS[1])}
