-- The cached values of one batch in one round trip, under the current generations.
-- KEYS: the generation keys of the tables the kind depends on (absent = generation 0).
-- ARGV[1]: entry name up to the generations; ARGV[2..]: the batch's keys.
-- Returns the generations (dot-joined), then one value per key ('' when not cached).
local generations = {}
for i = 1, #KEYS do
  generations[i] = redis.call('GET', KEYS[i]) or '0'
end
local generation = table.concat(generations, '.')
local result = { generation }
local names = {}
local function fetch()
  if #names > 0 then
    local values = redis.call('MGET', unpack(names))
    for i = 1, #names do
      result[#result + 1] = values[i] or ''
    end
    names = {}
  end
end
for i = 2, #ARGV do
  names[#names + 1] = ARGV[1] .. generation .. ':' .. ARGV[i]
  -- unpack() is limited by Lua's C stack: MGET in slices
  if #names == 500 then
    fetch()
  end
end
fetch()
return result
