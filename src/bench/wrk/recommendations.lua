-- wrk script for `bench recommendations`: one GET per request for a random user of the id file
-- named by LG_IDS, with explanations, as a recommender service would ask.
local ids = {}
for line in io.lines(os.getenv("LG_IDS")) do
  ids[#ids + 1] = line
end
local query = os.getenv("LG_QUERY") or "limit=10&explain=true"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("LG_KEY")

request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/users/" .. id .. "/recommendations?" .. query)
end
