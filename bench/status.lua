-- wrk script: status lookups of random cases among CASES (number BENCH-%08d, passport BENCH%07d).
local cases = tonumber(os.getenv("CASES") or "1000000")
math.randomseed(os.time())

request = function()
  local id = math.random(1, cases)
  local path = string.format("/api/v1/status?number=BENCH-%08d&document=BENCH%07d", id, id)
  return wrk.format("GET", path)
end
