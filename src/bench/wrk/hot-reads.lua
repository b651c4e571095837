-- wrk script for `bench recommendations --mixed-seconds N`: the hot read endpoints in a mix,
-- for random users and courses from the id files LG_IDS and LG_COURSES.
local users, courses = {}, {}
for line in io.lines(os.getenv("LG_IDS")) do users[#users + 1] = line end
for line in io.lines(os.getenv("LG_COURSES")) do courses[#courses + 1] = line end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("LG_KEY")

local paths = {
  function() return "/api/users/" .. users[math.random(#users)] .. "/recommendations?limit=10&explain=true" end,
  function() return "/api/users/" .. users[math.random(#users)] .. "/recommendations?limit=10&explain=false" end,
  function() return "/api/users/" .. users[math.random(#users)] end,
  function() return "/api/courses/" .. courses[math.random(#courses)] .. "/similar?limit=10" end,
  function() return "/api/influencers?measure=pagerank&limit=20" end,
  function() return "/api/communities?limit=5" end,
  function() return "/api/graph/projection" end,
}

request = function()
  return wrk.format("GET", paths[math.random(#paths)]())
end
