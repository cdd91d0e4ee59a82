-- wrk script for bench/server.py:  wrk … URL -- REQUESTS_FILE TOKEN
-- Each line of REQUESTS_FILE is a request target, or "TARGET<TAB>JSON BODY" for a POST.
-- Every request picks a random line, so the server sees many different records.
-- done() prints one line of JSON with exact percentiles (wrk's own text rounds them).

local requests = {}
local lines = {}
local token = ""

function init(args)
  for line in io.lines(args[1]) do
    lines[#lines + 1] = line
  end
  token = args[2] or ""
  math.randomseed(os.time())
end

-- Built on first use, when wrk.host is known.
local function build()
  for i, line in ipairs(lines) do
    local target, body = line:match("^([^\t]*)\t(.*)$")
    local headers = { ["Host"] = wrk.host }
    if token ~= "" then
      headers["Authorization"] = "Bearer " .. token
    end
    if body then
      headers["Content-Type"] = "application/json"
      requests[i] = wrk.format("POST", target, headers, body)
    else
      requests[i] = wrk.format("GET", line, headers)
    end
  end
end

function request()
  if #requests == 0 then
    build()
  end
  return requests[math.random(#requests)]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_s": %.6f, "p50_ms": %.3f, "p99_ms": %.3f, '
      .. '"max_ms": %.3f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, e.status,
    e.connect + e.read + e.write + e.timeout))
end
