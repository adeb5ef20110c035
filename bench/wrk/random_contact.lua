-- wrk script: GET /api/v1/contacts/{id} for ids picked at random from IDS_FILE,
-- authenticated with the bearer token in TOKEN.
local ids = {}
local token = os.getenv("TOKEN")

function init(args)
  for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/v1/contacts/" .. id, { ["Authorization"] = "Bearer " .. token })
end
