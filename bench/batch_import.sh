#!/usr/bin/env bash
# Creates --contacts contacts (default 1,000,000) through POST /api/v1/contacts/batch in
# batches of 1000 from a small Node client (bench/batch_import.mjs, 4 requests in flight)
# on an empty database; prints contacts/second and the server's peak RSS.
# Targets: ≥ 100,000 contacts/s; peak RSS ≤ 200 MB.
# Usage: bench/batch_import.sh [--db sqlite|postgres] [--contacts 1000000] [--clients 4]
# (--seconds and --concurrency are accepted and ignored.)
clients=4
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients=$2; shift 2 ;;
    --clients=*) clients=${1#*=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
BENCH_NO_WRK=1
source "$(dirname "$0")/lib.sh"
bench_main "${args[@]}"
[ "$clients" = 4 ] || BENCH_ARGS+=(--clients "$clients")
command -v node >/dev/null || bench_die "node is not installed"
bench_make_db 0
bench_start_server
admin_id=$(curl -s "$URL/api/v1/me" -H "authorization: Bearer $TOKEN" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')

bench_reset_peak
bench_start_sampler 1 "$BENCH_TMP/rss"
echo "== importing $CONTACTS contacts in batches of 1000, $clients requests in flight"
rc=0
bench_run node bench/batch_import.mjs --url "$URL" --token "$TOKEN" --total "$CONTACTS" --batch 1000 \
  --clients "$clients" --owner "$admin_id" >"$BENCH_TMP/import.out" 2> >(tee "$BENCH_TMP/import.err" >&2) || rc=$?
bench_stop_sampler
bench_server_alive
line=$(grep '^RESULT' "$BENCH_TMP/import.out" || true)
[ -n "$line" ] || bench_die "the import client printed no RESULT line"
bench_note_peak
rate=$(bench_field rate "$line")
stored=$(bench_sql "SELECT count(*) FROM contacts")
bench_db_size
echo "   $(bench_field contacts "$line") contacts in $(bench_field seconds "$line") s: $rate contacts/s;" \
  "batch p50 $(bench_field p50_ms "$line") ms, p99 $(bench_field p99_ms "$line") ms;" \
  "failed batches $(bench_field failed "$line"); peak RSS $(bench_kb_mb "$R_HWM_KB") MB"
echo "   contacts stored: $stored; database $DB_SIZE_TEXT"
[ "$stored" = "$CONTACTS" ] || BENCH_NOTES+=("Stored $stored contacts, expected $CONTACTS.")
[ $rc -eq 0 ] || BENCH_NOTES+=("The client reported failed batches: $(grep FAILED "$BENCH_TMP/import.err" 2>/dev/null | head -3)")

BENCH_TABLE_HEADER="| contacts | seconds | contacts/s | batch p50 ms | batch p99 ms | batch max ms | failed batches | peak RSS MB |"
BENCH_ROWS+=("| $(bench_field contacts "$line") | $(bench_field seconds "$line") | $rate | $(bench_field p50_ms "$line") | $(bench_field p99_ms "$line") | $(bench_field max_ms "$line") | $(bench_field failed "$line") | $(bench_kb_mb "$R_HWM_KB") |")
BENCH_LOAD_TEXT="load from bench/batch_import.mjs (Node $(node --version)) on the same machine over loopback, batches of 1000, $clients requests in flight"
bench_target "batch import, contacts/s" "$rate" ">=" 100000
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
rss_trace=$(awk 'NR % 10 == 1 { printf "%s%ss %.0f MB", sep, $1, $2 / 1024; sep = ", " }' "$BENCH_TMP/rss")
BENCH_DB_DESC="empty (\`hearth init\` only), then $CONTACTS contacts imported"
DB_SIZE_GEN="$DB_SIZE_TEXT after the import"
bench_write_results batch-import "POST /api/v1/contacts/batch (import into an empty database)" \
  "Contacts stored after the import: $stored. Server RSS every 10 s: $rss_trace."
[ $rc -eq 0 ] || exit 1
