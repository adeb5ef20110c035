#!/usr/bin/env bash
# Soak: the mixed load (bench/wrk/mixed.lua: 80% reads / 20% writes) at concurrency 64
# for 10 minutes, with the server's RSS sampled every 10 s into the results file. Reports
# requests/s, latency, errors (and 412s), and RSS growth after the warm-up (the first
# minute, or the first fifth of a shorter run). Target: peak RSS ≤ 200 MB, no errors.
# Usage: bench/soak.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 600]
BENCH_DEFAULT_SECONDS=600
BENCH_DEFAULT_CONCURRENCY=64
source "$(dirname "$0")/lib.sh"
bench_main "$@"
bench_make_db "$CONTACTS"
bench_start_server
bench_sample_ids 20000 "$BENCH_TMP/ids"
bench_sample_ids 20000 "$BENCH_TMP/patch" versions
bench_sample_owners "$BENCH_TMP/owners"
bench_sample_companies 5000 "$BENCH_TMP/companies"

c=${CONCURRENCY%% *}
warmup=$((DURATION / 5 < 60 ? DURATION / 5 : 60))
echo "== soak: mixed load at c=$c for ${DURATION}s, RSS every 10 s (warm-up ${warmup}s)"
bench_start_sampler 10 "$BENCH_TMP/rss"
bench_wrk mixed "$c" mixed.lua IDS_FILE="$BENCH_TMP/ids" OWNERS_FILE="$BENCH_TMP/owners" \
  COMPANIES_FILE="$BENCH_TMP/companies" PATCH_FILE="$BENCH_TMP/patch"
bench_stop_sampler
echo "end $(bench_rss_kb) $(bench_hwm_kb)" >>"$BENCH_TMP/rss"

# RSS after the warm-up (the first sample at or after it) and at the end.
read -r _ warm_kb _ < <(awk -v w="$warmup" '$1 == "end" || $1 + 0 >= w { print; exit }' "$BENCH_TMP/rss")
read -r _ end_kb _ < <(tail -1 "$BENCH_TMP/rss")
max_kb=$(awk '$2 > m { m = $2 } END { print m + 0 }' "$BENCH_TMP/rss")
growth_kb=$((end_kb - warm_kb))
echo "   RSS after warm-up $(bench_kb_mb "$warm_kb") MB, at the end $(bench_kb_mb "$end_kb") MB" \
  "(growth $(bench_kb_mb "$growth_kb") MB), highest sample $(bench_kb_mb "$max_kb") MB"
[ "$R_ERRORS" = 0 ] || BENCH_NOTES+=("$R_ERRORS requests failed (socket errors, timeouts or statuses ≥ 400 other than 412).")
[ "$R_412" = 0 ] || BENCH_NOTES+=("$R_412 PATCH requests answered 412 although each record had one writer.")
bench_target "errors during the soak" "$R_ERRORS" "<=" 0
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
bench_db_size
samples=$(
  echo "| elapsed s | RSS MB | VmHWM MB |"
  echo "| --- | --- | --- |"
  awk '{ printf "| %s | %.1f | %.1f |\n", $1, $2 / 1024, $3 / 1024 }' "$BENCH_TMP/rss"
)
bench_write_results soak "Soak: mixed load at c=$c for ${DURATION}s" \
  "RSS after the warm-up (${warmup}s): $(bench_kb_mb "$warm_kb") MB; at the end: $(bench_kb_mb "$end_kb") MB; growth after warm-up: $(bench_kb_mb "$growth_kb") MB; highest sample: $(bench_kb_mb "$max_kb") MB. Database size after the soak: $DB_SIZE_TEXT.

Server RSS every 10 s:

$samples"
