-- One miss charged against a subject's daily budget: KEYS[1] the day's counter, ARGV[1] the
-- budget, ARGV[2] the counter's lifetime in seconds. A charge over the budget is taken back at
-- once, so refused lookups do not pile up and a refund always matches a standing charge.
local used = redis.call('INCR', KEYS[1])
if used == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
end
if used > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return 0
end
return 1
