#!/usr/bin/env bash
# The service desk on a large database: N contacts and N/2 cases over two years (with
# SLA policies, messages and timeline entries, from `hearth gen --cases`).
#   case-queue:      GET /api/v1/cases — all open, one owner's, breaching soon, the team's
#                    (picked at random per request), 50 by due time
#   service-report:  GET /api/v1/reports/service — the last 28 days by week (what a
#                    dashboard asks; kept until a case changes)
#   service-report-uncached: a random 28-day period of the last two years each request,
#                    so it is computed (what a desk with constant changes would see)
# at concurrency 1, 8 and 64.
# Target: p99 ≤ 50 ms for both at c=8 on 1M contacts and 500k cases.
# Usage: bench/cases.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
BENCH_GEN_ARGS="--cases $((CONTACTS / 2))"
bench_make_db "$CONTACTS"
bench_start_server
echo "   $(bench_sql "SELECT COUNT(*) FROM cases") cases, $(bench_sql "SELECT COUNT(*) FROM cases WHERE status IN ('new', 'open', 'pending')") open"
bench_sample_owners "$BENCH_TMP/owners"
# The report is cached until a case changes; the first request computes it.
cold=$(curl -s -o /dev/null -w '%{time_total}' "$URL/api/v1/reports/service" -H "authorization: Bearer $TOKEN")
BENCH_NOTES+=("service report computed from scratch (first request, nothing cached): $(awk -v t="$cold" 'BEGIN { printf "%.1f", t * 1000 }') ms.")
echo "   service report from scratch: ${cold}s"
for c in $CONCURRENCY; do
  bench_wrk case-queue "$c" case_queue.lua OWNERS_FILE="$BENCH_TMP/owners"
  bench_wrk service-report "$c" service_report.lua
  bench_wrk service-report-uncached "$c" service_report_uncached.lua
done
if [[ " $CONCURRENCY " == *" 8 "* ]]; then
  bench_target "case queue p99 at c=8, ms" "$(bench_row_value case-queue 8 5)" "<=" 50
  bench_target "service report p99 at c=8, ms" "$(bench_row_value service-report 8 5)" "<=" 50
fi
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
bench_write_results cases "Service desk: case queues and the service report" "case-queue: each request one of view=all, open=true&owner_id=<random owner>, view=breaching, view=team (limit 50, by due time); service-report: the default period (last 28 days, by week), kept until a case changes; service-report-uncached: a random 28-day period of the last two years per request (computed)."
