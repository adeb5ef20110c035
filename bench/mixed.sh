#!/usr/bin/env bash
# 80% reads / 20% writes in one wrk script (bench/wrk/mixed.lua), at concurrency 1, 8
# and 64: 40% GET by id, 10% list by phase, 10% list by owner, 20% search, 10% create,
# 10% PATCH with If-Match (each wrk thread patches its own contacts; 412s counted apart).
# Usage: bench/mixed.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
bench_make_db "$CONTACTS"
bench_start_server
bench_sample_ids 20000 "$BENCH_TMP/ids"
bench_sample_owners "$BENCH_TMP/owners"
bench_sample_companies 5000 "$BENCH_TMP/companies"
for c in $CONCURRENCY; do
  bench_sample_ids 20000 "$BENCH_TMP/patch" versions
  bench_wrk mixed "$c" mixed.lua IDS_FILE="$BENCH_TMP/ids" OWNERS_FILE="$BENCH_TMP/owners" \
    COMPANIES_FILE="$BENCH_TMP/companies" PATCH_FILE="$BENCH_TMP/patch"
  [ "$R_412" = 0 ] || BENCH_NOTES+=("c=$c: $R_412 PATCH requests answered 412 although each record had one writer.")
done
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
bench_db_size
bench_write_results mixed "Mixed load: 80% reads / 20% writes" \
  "Mix per request: 40% GET by id, 10% list by phase (sort -updated_at), 10% list by owner (sort name), 20% search (q=), 10% POST, 10% PATCH with If-Match. Latencies are over all requests together. Database size after the runs: $DB_SIZE_TEXT."
