-- wrk script: status lookups (POST, as the API takes them) of random cases among CASES (number BENCH-%08d, passport BENCH%07d).
local cases = tonumber(os.getenv("CASES") or "1000000")
math.randomseed(os.time())

request = function()
  local id = math.random(1, cases)
  local body = string.format('{"number":"BENCH-%08d","document":"BENCH%07d"}', id, id)
  return wrk.format("POST", "/api/v1/status", {["Content-Type"] = "application/json"}, body)
end
