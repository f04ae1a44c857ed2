-- wrk script: POSTs a JSON body read from a file; checks every response (a non-200 status or a
-- body containing "errors" counts as an error); replaces __KEY__ in the body with a fresh
-- idempotency key per request (operation 5). Prints one line "BENCH {json}" at the end.
-- usage: wrk ... -s graphql.lua <url> -- <body.json> <token|-> [method]
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "r"))
  template = f:read("*a")
  f:close()
  keyed = template:find("__KEY__", 1, true) ~= nil
  wrk.method = args[3] or "POST"
  if wrk.method == "GET" then wrk.body = nil else wrk.body = template end
  wrk.headers["Content-Type"] = "application/json"
  if args[2] and args[2] ~= "-" then wrk.headers["Authorization"] = "Bearer " .. args[2] end
  run = tostring(os.time()) .. "-" .. tostring(math.random(1, 1e9))
  errors, checked, sample = 0, 0, ""
end

function request()
  if keyed then
    counter = counter + 1
    local body = template:gsub("__KEY__", "bench-" .. run .. "-" .. tid .. "-" .. counter, 1)
    return wrk.format(nil, nil, nil, body)
  end
  return wrk.format()
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or body:find('"errors"', 1, true) then
    errors = errors + 1
    if sample == "" then sample = (tostring(status) .. " " .. body:sub(1, 160)):gsub("[\"\\%c]", " ") end
  end
end

function done(summary, latency, requests)
  local e, n, s = 0, 0, ""
  for _, t in ipairs(threads) do
    e = e + t:get("errors")
    n = n + t:get("checked")
    if s == "" then s = t:get("sample") end
  end
  local se = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"errors":%d,"checked":%d,"socket_errors":%d,"sample":"%s"}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e, n, se.connect + se.read + se.write + se.timeout, s))
end
