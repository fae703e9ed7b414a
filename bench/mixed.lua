-- wrk script (bench/peers/mixed.sh, issue 16 h): a mixed load, each request drawn by weight:
--   35 % status lookups (POST /api/v1/status, a random case among CASES),
--   25 % permit verifications (GET /api/v1/permits/{number}),
--   15 % case reads by the Almaty officer (GET /api/v1/cases/{id}, audited),
--   10 % the officer's queue (GET /api/v1/queue, its first page),
--   15 % submissions by the portal (POST /api/v1/applications, signed, a fresh Idempotency-Key).
-- Env: CASES, FIRST_ID (the id of case BM-00000001), OFFICER_TOKEN, SIGNED_BODY.
local cases = tonumber(os.getenv("CASES") or "100000")
local first_id = tonumber(os.getenv("FIRST_ID") or "1")
local officer = "Bearer " .. (os.getenv("OFFICER_TOKEN") or "")
local file = io.open(os.getenv("SIGNED_BODY") or "examples/api/submit-trp.json")
local signed = file:read("*a")
file:close()
local counter = 0
local tag = ""

setup = function(thread)
  thread:set("seed", math.random(1, 1000000000))
end

init = function(args)
  math.randomseed(seed or os.time())
  tag = tostring(math.random(1, 1000000000))
end

request = function()
  local draw = math.random(1, 100)
  local n = math.random(1, cases)
  if draw <= 35 then
    local body = string.format('{"number":"BM-%08d","document":"FM%08d"}', n, n)
    return wrk.format("POST", "/api/v1/status", {["Content-Type"] = "application/json"}, body)
  elseif draw <= 60 then
    return wrk.format("GET", string.format("/api/v1/permits/BP-%08d", n))
  elseif draw <= 75 then
    return wrk.format("GET", "/api/v1/cases/" .. (first_id + n - 1), {["Authorization"] = officer})
  elseif draw <= 85 then
    return wrk.format("GET", "/api/v1/queue", {["Authorization"] = officer})
  else
    counter = counter + 1
    return wrk.format("POST", "/api/v1/applications", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer demo-portal",
      ["Idempotency-Key"] = "mixed-" .. tag .. "-" .. counter,
    }, signed)
  end
end

done = function(summary, latency, requests)
  io.write(string.format("errors connect %d read %d write %d status %d timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  for _, p in pairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%g %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max %.2f ms\n", latency.max / 1000))
  io.write(string.format("requests %d\n", summary.requests))
end
