-- wrk script: 80% reads / 20% writes, per request at random:
--   40% GET by id, 10% list by phase, 10% list by owner, 20% search,
--   10% POST (create), 10% PATCH with If-Match (this thread's slice of PATCH_FILE).
function request()
  local r = math.random(100)
  if r <= 40 then return req_by_id()
  elseif r <= 50 then return req_list_phase()
  elseif r <= 60 then return req_list_owner()
  elseif r <= 80 then return req_search()
  elseif r <= 90 then return req_create()
  else return req_patch() end
end
response = on_response
