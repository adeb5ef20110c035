#!/usr/bin/env bash
# GET /api/v1/contacts/{id} (random ids) and GET /healthz on the same server, at
# concurrency 1, 8 and 64: requests/s, p50/p99 latency, the by-id/healthz ratio and RSS.
# Targets: ≥ 20,000 req/s and ≥ 50% of /healthz at c=64; p99 ≤ 5 ms at c=8; RSS ≤ 200 MB.
# Usage: bench/contact_by_id.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
bench_make_db "$CONTACTS"
bench_start_server
bench_sample_ids 20000 "$BENCH_TMP/ids"

ratios=()
for c in $CONCURRENCY; do
  bench_wrk contact "$c" contact_by_id.lua IDS_FILE="$BENCH_TMP/ids"
  contact_rps=$R_RPS
  bench_wrk healthz "$c" healthz.lua
  ratio=$(bench_pct "$contact_rps" "$R_RPS")
  echo "   c=$c: contact by id is $ratio% of /healthz"
  ratios+=("- c=$c: contact by id runs at $ratio% of /healthz")
done

if [[ " $CONCURRENCY " == *" 64 "* ]]; then
  bench_target "GET by id at c=64, req/s" "$(bench_row_value contact 64 3)" ">=" 20000
  bench_target "GET by id at c=64, % of /healthz" \
    "$(bench_pct "$(bench_row_value contact 64 3)" "$(bench_row_value healthz 64 3)")" ">=" 50
fi
[[ " $CONCURRENCY " != *" 8 "* ]] || bench_target "GET by id p99 at c=8, ms" "$(bench_row_value contact 8 5)" "<=" 5
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200

bench_write_results contact-by-id "GET /api/v1/contacts/{id} vs GET /healthz" "$(printf '%s\n' "${ratios[@]}")"
