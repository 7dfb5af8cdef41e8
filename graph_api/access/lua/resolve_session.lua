-- Resolves a site session cookie into its account in one round trip.
-- KEYS[1]: the session key. ARGV[1]: the prefix of account keys (the session's value is the account id).
-- Returns {user_id, tier}, or nil when the session or its account is gone (signed out, expired, deleted).
local user_id = redis.call('GET', KEYS[1])
if not user_id then
  return nil
end
local tier = redis.call('HGET', ARGV[1] .. user_id, 'tier')
if not tier then
  return nil
end
return {user_id, tier}
