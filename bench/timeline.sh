#!/usr/bin/env bash
# GET /api/v1/contacts/{id}/timeline?limit=50 — the first page of a long timeline — on a
# database of N contacts and 10×N interactions (each with its timeline entry), for the
# 10 contacts that have 10,000 events each, at concurrency 1, 8 and 64; then the same for
# contacts picked at random (about 10 events each).
# Target: first page p99 ≤ 10 ms for a contact with 10,000 events (1M contacts, 10M interactions).
# Usage: bench/timeline.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
BENCH_GEN_ARGS="--interactions $((CONTACTS * 10)) --busy-contacts 10"
bench_make_db "$CONTACTS"
bench_start_server
bench_sql "SELECT contact_id FROM timeline_events GROUP BY contact_id HAVING COUNT(*) >= 10000" >"$BENCH_TMP/busy"
[ -s "$BENCH_TMP/busy" ] || bench_die "no contact has 10,000 timeline events"
echo "   $(wc -l <"$BENCH_TMP/busy") contacts with 10,000+ events"
bench_sample_ids 20000 "$BENCH_TMP/ids"
for c in $CONCURRENCY; do
  bench_wrk busy-timeline "$c" timeline.lua IDS_FILE="$BENCH_TMP/busy"
  bench_wrk any-timeline "$c" timeline.lua IDS_FILE="$BENCH_TMP/ids"
done
[[ " $CONCURRENCY " != *" 8 "* ]] ||
  bench_target "first page p99 at c=8, 10,000-event contact, ms" "$(bench_row_value busy-timeline 8 5)" "<=" 10
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
bench_write_results timeline "Contact timeline, first page" "busy-timeline: the 10 contacts with 10,000 events each; any-timeline: 20,000 contacts sampled at random."
