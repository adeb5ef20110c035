#!/usr/bin/env bash
# PATCH /api/v1/contacts/{id} (merge patch of job_title) with If-Match, at concurrency 1,
# 8 and 64. Each wrk thread owns its own slice of 20,000 sampled contacts and tracks their
# versions, so every If-Match should hold: 412s are counted apart from other errors.
# Usage: bench/patch.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
bench_make_db "$CONTACTS"
bench_start_server
for c in $CONCURRENCY; do
  # Sampled again before each run: the versions are the ones stored now.
  bench_sample_ids 20000 "$BENCH_TMP/patch" versions
  bench_wrk patch "$c" patch.lua PATCH_FILE="$BENCH_TMP/patch"
  [ "$R_412" = 0 ] || BENCH_NOTES+=("c=$c: $R_412 PATCH requests answered 412 although each record had one writer.")
done
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
bench_write_results patch "PATCH /api/v1/contacts/{id} with If-Match"
