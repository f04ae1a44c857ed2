-- GCRA (generic cell rate algorithm) over several limits at once, atomically: a request passes
-- only if every limit lets it pass, and only then is it counted against each of them.
-- KEYS[i]: the theoretical arrival time (TAT, microseconds) of limit i
-- ARGV[2i-1]: emission interval of limit i in microseconds (1e6 / rate per second)
-- ARGV[2i]:   burst of limit i (requests that may arrive at once)
-- Returns 0 when allowed, else the microseconds until the request would be allowed.
-- Time is the Redis server's, so replicas with skewed clocks still share one limit.
redis.replicate_commands()
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local wait = 0
local tats = {}
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[2 * i - 1])
  local burst = tonumber(ARGV[2 * i])
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then
    tat = now
  end
  local new_tat = tat + interval
  local allowed_at = new_tat - burst * interval
  if allowed_at > now and allowed_at - now > wait then
    wait = allowed_at - now
  end
  tats[i] = new_tat
end
if wait > 0 then
  return wait
end
for i, key in ipairs(KEYS) do
  -- The key is worthless once its TAT has passed: let Redis drop it then.
  local ttl_ms = math.ceil((tats[i] - now) / 1000)
  redis.call('SET', key, string.format('%d', tats[i]), 'PX', math.max(ttl_ms, 1))
end
return 0
