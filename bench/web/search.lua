-- bench/web/search.lua: the wrk script of bench/web/run.sh.
--
-- setup() logs in once: POST /api/v1/login with the JSON body in the file
-- BENCH_LOGIN ({"user","password"}), sent by curl because wrk's Lua has no
-- HTTP client of its own; the dangan_session cookie of its Set-Cookie goes
-- to every thread. Each thread then sends GET /api/v1/search?q=… over the
-- queries of BENCH_QUERIES (one per line) round-robin, each thread starting
-- at a different query. done() prints one line "BENCH {json}": requests,
-- requests/s, latency p50/p95/p99/max in ms, and the count of responses
-- that were not 200 (a lost session would show there, not as fast 401s
-- counted as searches).

-- Globals shared with wrk's threads through thread:set/get: session (the
-- cookie), first (the thread's number), not_ok (its count of non-200s).
local main_session
local threads = {}

local function fail(msg)
  io.stderr:write("bench/web/search.lua: " .. msg .. "\n")
  os.exit(1)
end

local function login()
  local url = os.getenv("BENCH_URL") or fail("BENCH_URL is not set")
  local body = os.getenv("BENCH_LOGIN") or fail("BENCH_LOGIN is not set")
  local curl = io.popen("curl -s -o /dev/null -D - -H 'Content-Type: application/json' " ..
                        "--data-binary @'" .. body .. "' '" .. url .. "/api/v1/login'")
  local headers = curl:read("*a")
  curl:close()
  local status = headers:match("^HTTP/[%d.]+ (%d+)")
  if status ~= "200" then fail("login answered " .. tostring(status)) end
  for line in headers:gmatch("[^\r\n]+") do
    local value = line:match("^[Ss]et%-[Cc]ookie:%s*dangan_session=([^;]*)")
    if value then return value end
  end
  fail("login set no dangan_session cookie")
end

function setup(thread)
  main_session = main_session or login()
  thread:set("session", main_session)
  thread:set("first", #threads)
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local paths = {}
local next_path = 1
not_ok = 0

function init(args)
  local file = os.getenv("BENCH_QUERIES") or fail("BENCH_QUERIES is not set")
  for line in io.lines(file) do
    if line ~= "" then
      table.insert(paths, "/api/v1/search?q=" .. urlencode(line) .. "&limit=10")
    end
  end
  if #paths == 0 then fail("no queries in " .. file) end
  next_path = (first * 37) % #paths + 1
  wrk.headers["Cookie"] = "dangan_session=" .. session
end

function request()
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "max_ms": %.2f, "mean_ms": %.2f, "not_200": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000, bad,
    e.connect + e.read + e.write + e.timeout))
end
