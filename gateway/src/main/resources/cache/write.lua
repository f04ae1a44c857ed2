-- Stores what the store returned for one batch, in one round trip.
-- KEYS: entry names (with the generations the batch read); ARGV[1]: ttl in ms; ARGV[2]: ttl of
-- "absent" entries in ms; ARGV[2 + i]: the value of KEYS[i] ('null' = the store has no row).
for i = 1, #KEYS do
  local value = ARGV[i + 2]
  local ttl = ARGV[1]
  if value == 'null' then
    ttl = ARGV[2]
  end
  redis.call('SET', KEYS[i], value, 'PX', ttl)
end
return #KEYS
