-- Appended to wrk scripts: prints one machine-readable line with the figures we keep,
--   RESULT rps=… p50_ms=… p99_ms=… errors=… [s412=…] [codes=200:…,412:…]
-- errors counts socket errors, timeouts and statuses ≥ 400 (so it includes the 412s);
-- codes and s412 appear when the script tallied responses (lib.lua's on_response).
function done(summary, latency, requests)
  local codes, total412, tallied = {}, 0, false
  for _, thread in ipairs(bench_threads or {}) do
    local counts = thread:get("status_counts") or {}
    for status, n in pairs(counts) do
      codes[status] = (codes[status] or 0) + n
      tallied = true
    end
    total412 = total412 + (thread:get("s412") or 0)
  end
  local extra = ""
  if tallied then
    local keys = {}
    for status in pairs(codes) do keys[#keys + 1] = status end
    table.sort(keys)
    local parts = {}
    for _, status in ipairs(keys) do parts[#parts + 1] = status .. ":" .. codes[status] end
    extra = string.format(" s412=%d codes=%s", total412, table.concat(parts, ","))
  end
  io.write(string.format("RESULT rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d%s\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    extra))
end
