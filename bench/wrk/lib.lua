-- Prepended to every scenario script by bench/lib.sh (bench_wrk): shared request builders
-- for the Hearth API. The shell passes its inputs in the environment:
--   TOKEN          bearer token
--   IDS_FILE       contact ids to read, one a line
--   PATCH_FILE     "id version" lines; each wrk thread patches its own slice
--   OWNERS_FILE    owner (user) ids;  COMPANIES_FILE  company ids (both optional)
--   WRK_THREADS    wrk's -t;  RUN_TAG  unique per wrk run (keeps created emails unique)
-- Each thread gets `tid` (1…WRK_THREADS) from setup(); report.lua sums the per-thread
-- `status_counts` and `s412` tables into its RESULT line.

local token = os.getenv("TOKEN") or ""
local auth = { ["Authorization"] = "Bearer " .. token }
local json_headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local run_tag = os.getenv("RUN_TAG") or tostring(os.time())
local nthreads = tonumber(os.getenv("WRK_THREADS") or "1")

bench_threads = {}
local next_tid = 0
function setup(thread)
  next_tid = next_tid + 1
  thread:set("tid", next_tid)
  bench_threads[#bench_threads + 1] = thread
end

tid = 1
status_counts = {}
s412 = 0

local function read_lines(path)
  local lines = {}
  if path and path ~= "" then
    local f = io.open(path, "r")
    if f then
      f:close()
      for line in io.lines(path) do
        if line ~= "" then lines[#lines + 1] = line end
      end
    end
  end
  return lines
end

local function pick(list) return list[math.random(#list)] end

local ids, owners, companies = {}, {}, {}
local mine, versions, next_mine = {}, {}, 0   -- this thread's slice for PATCH
local created, patched = 0, 0

-- Called from init(): loads the files and seeds the random numbers per thread.
function bench_init()
  math.randomseed(os.time() * 1000 + tid * 7919 + (os.clock() * 1e6) % 1000)
  ids = read_lines(os.getenv("IDS_FILE"))
  owners = read_lines(os.getenv("OWNERS_FILE"))
  companies = read_lines(os.getenv("COMPANIES_FILE"))
  local n = 0
  for _, line in ipairs(read_lines(os.getenv("PATCH_FILE"))) do
    n = n + 1
    if (n - 1) % nthreads == tid - 1 then
      local id, version = line:match("^(%S+)%s+(%d+)")
      mine[#mine + 1] = id
      versions[id] = tonumber(version)
    end
  end
end

function init(args) bench_init() end

-- GET /api/v1/contacts/{id}
function req_by_id()
  return wrk.format("GET", "/api/v1/contacts/" .. pick(ids), auth)
end

-- A list page with a filter and a sort.
function req_list_phase()
  return wrk.format("GET", "/api/v1/contacts?phase=commitment&sort=-updated_at&limit=50", auth)
end
function req_list_owner()
  return wrk.format("GET", "/api/v1/contacts?owner_id=" .. pick(owners) .. "&sort=name&limit=50", auth)
end

-- q= with 3–6 letter fragments of names in the generated data, mostly written without
-- their accents (the server folds Øvrebø → ovrebo, Šuštar → sustar, Jørgen → jorgen).
local terms = {
  "ovre", "sore", "sustar", "jorg", "hansen", "bjorn", "hakon", "strom", "saeth", "lokk", "brat",
  "oyst", "ase", "sigr", "ragn", "stal", "moller", "oster", "baek", "kirst", "rasmu", "freja",
  "kovac", "zupan", "potoc", "bozic", "koros", "ziga", "spela", "tjasa", "gasp", "ursk", "blaz",
  "aljaz", "primo", "natas", "horv", "mlak", "vidm", "smith", "taylo", "wils", "robin", "brien",
  "thomp", "clark", "amel", "sophi", "niels", "olsen", "dahl", "haug", "berg", "lund", "friis",
}
function req_search()
  return wrk.format("GET", "/api/v1/contacts?q=" .. pick(terms) .. "&limit=50", auth)
end

-- POST /api/v1/contacts: a new contact each time (email unique per run, thread, counter;
-- a Norwegian mobile number written "412 34 567" for the server to normalise).
local first_names = { "Søren", "Åse", "Bjørn", "Ingrid", "Špela", "Žiga", "Mette", "Oliver", "Kari", "Jure" }
local last_names = { "Øvrebø", "Šuštar", "Jørgensen", "Hansen", "Kovačič", "Møller", "Smith", "Bråten" }
local mobile_starts = { "40", "41", "45", "46", "47", "48", "90", "91", "92", "93", "94", "95", "97", "98" }
local phases = { "exploration", "awareness", "expansion", "commitment", "dissolution" }
function req_create()
  created = created + 1
  local email = string.format("bench.%s.t%d.%d@example.com", run_tag, tid, created)
  local body = string.format(
    '{"first_name":"%s","last_name":"%s","email":"%s","phone":"%s%d %02d %03d","kind":"prospect",' ..
    '"phase":"%s","tags":["bench"]%s%s}',
    pick(first_names), pick(last_names), email, pick(mobile_starts), math.random(0, 9), math.random(0, 99),
    math.random(0, 999),
    pick(phases),
    (#owners > 0) and (',"owner_id":"' .. pick(owners) .. '"') or "",
    (#companies > 0 and math.random() < 0.8) and (',"company_id":"' .. pick(companies) .. '"') or "")
  return wrk.format("POST", "/api/v1/contacts", json_headers, body)
end

-- PATCH /api/v1/contacts/{id} with If-Match: this thread's ids in turn, with the version
-- it last saw. The contact id travels in X-Request-Id (the server echoes it), so
-- on_response knows which record an answer — including a 412 — is for.
function req_patch()
  next_mine = next_mine % #mine + 1
  patched = patched + 1
  local id = mine[next_mine]
  return wrk.format("PATCH", "/api/v1/contacts/" .. id, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/merge-patch+json",
    ["If-Match"] = '"' .. versions[id] .. '"',
    ["X-Request-Id"] = "p-" .. id,
  }, string.format('{"job_title":"Bench %s t%d #%d"}', run_tag, tid, patched))
end

local function header(headers, name)
  return headers[name] or headers[name:lower()]
end

-- Tallies statuses, counts 412s and keeps the patched records' versions current.
function on_response(status, headers, body)
  status_counts[status] = (status_counts[status] or 0) + 1
  local rid = header(headers, "X-Request-Id")
  if rid and rid:sub(1, 2) == "p-" then
    local id = rid:sub(3)
    if status == 200 then
      local v = tonumber((header(headers, "ETag") or ""):match("(%d+)"))
      if v and v > (versions[id] or 0) then versions[id] = v end
    elseif status == 412 then
      s412 = s412 + 1
      local v = tonumber(body:match('"current_version":%s*(%d+)'))
      if v then versions[id] = v end
    end
  end
end

-- GET /api/v1/contacts/{id}/timeline: the first page (50 entries, newest first) of a
-- contact picked at random from IDS_FILE.
function req_timeline()
  return wrk.format("GET", "/api/v1/contacts/" .. pick(ids) .. "/timeline?limit=50", auth)
end

-- The case queues people work from, by due time: all open cases, one owner's, those
-- breaching soon and the service team's.
function req_case_queue()
  local r = math.random(4)
  local path
  if r == 1 then path = "/api/v1/cases?view=all&limit=50"
  elseif r == 2 then path = "/api/v1/cases?open=true&owner_id=" .. pick(owners) .. "&limit=50"
  elseif r == 3 then path = "/api/v1/cases?view=breaching&limit=50"
  else path = "/api/v1/cases?view=team&limit=50" end
  return wrk.format("GET", path, auth)
end

-- The service report of the last 28 days, by week.
function req_service_report()
  return wrk.format("GET", "/api/v1/reports/service", auth)
end

-- The service report of a 28-day period starting on a random day of the last two years:
-- almost never the period asked for before, so it is computed rather than cached.
function req_service_report_uncached()
  local now = os.time()
  local from = now - math.random(28, 730) * 86400
  local path = "/api/v1/reports/service?from=" .. os.date("!%Y-%m-%d", from) .. "&to=" ..
      os.date("!%Y-%m-%d", from + 27 * 86400)
  return wrk.format("GET", path, auth)
end

-- One customer's analytics (from the cached analysis of the whole base).
function req_customer_analytics()
  return wrk.format("GET", "/api/v1/analytics/customers/" .. pick(ids), auth)
end
