-- wrk script: the portal submits applications, each with its own Idempotency-Key.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer demo-portal"
-- The request signed by the demo applicant (bench/load.sh writes it; the portal's applications
-- carry the applicant's signature).
local file = io.open(os.getenv("SIGNED_BODY") or "examples/api/submit-trp.json")
local body = file:read("*a")
file:close()
local counter = 0
local thread_tag = tostring(math.random(1, 1000000000))

request = function()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = "bench-" .. thread_tag .. "-" .. counter
  return wrk.format(nil, nil, nil, body)
end

setup = function(thread)
  math.randomseed(os.time() + math.random(1, 100000))
end
