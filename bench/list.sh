#!/usr/bin/env bash
# A contacts list page with a filter and a sort, at concurrency 1, 8 and 64:
#   list-phase  GET /api/v1/contacts?phase=commitment&sort=-updated_at&limit=50
#   list-owner  GET /api/v1/contacts?owner_id=<random owner>&sort=name&limit=50
# Usage: bench/list.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
bench_make_db "$CONTACTS"
bench_start_server
bench_sample_owners "$BENCH_TMP/owners"
echo "   $(wc -l <"$BENCH_TMP/owners") owners"

for c in $CONCURRENCY; do
  bench_wrk list-phase "$c" list_phase.lua
  bench_wrk list-owner "$c" list_owner.lua OWNERS_FILE="$BENCH_TMP/owners"
done
[[ " $CONCURRENCY " != *" 8 "* ]] || {
  bench_target "list by phase p99 at c=8, ms" "$(bench_row_value list-phase 8 5)" "<=" 5
  bench_target "list by owner p99 at c=8, ms" "$(bench_row_value list-owner 8 5)" "<=" 5
}
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
bench_write_results list "Contact list pages (filter + sort)"
