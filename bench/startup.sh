#!/usr/bin/env bash
# Start-up time: from starting `hearth serve` to the first answered GET /healthz on the
# --contacts database (bench/startup.mjs polls every millisecond), 5 times; reports the
# min and median, the time to the "listening" line, RSS at the first answer and how long
# SIGTERM takes to stop the server. Target: first answer ≤ 200 ms after start.
# Usage: bench/startup.sh [--db sqlite|postgres] [--contacts 1000000] [--runs 5]
# (--seconds and --concurrency are accepted and ignored.)
runs=5
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
BENCH_NO_WRK=1
source "$(dirname "$0")/lib.sh"
bench_main "${args[@]}"
[ "$runs" = 5 ] || BENCH_ARGS+=(--runs "$runs")
command -v node >/dev/null || bench_die "node is not installed"
bench_make_db "$CONTACTS"
# One start first so the schema check/migrations and the page cache are as on any restart.
bench_start_server
bench_stop_server
echo "== starting hearth serve $runs times"
rc=0
bench_run node bench/startup.mjs --bin "$BIN" --db "$DB_URL" --runs "$runs" --log "$BENCH_TMP/server.err" \
  >"$BENCH_TMP/startup.out" || rc=$?
cat "$BENCH_TMP/startup.out"
[ $rc = 0 ] || bench_die "a start failed"

BENCH_TABLE_HEADER="| run | first /healthz answer ms | listening line ms | RSS at first answer MB | SIGTERM to exit ms | exit status |"
while read -r line; do
  BENCH_ROWS+=("| $(bench_field n "$line") | $(bench_field first_answer_ms "$line") | $(bench_field listening_ms "$line") | $(bench_kb_mb "$(bench_field rss_kb "$line")") | $(bench_field stop_ms "$line") | $(bench_field exit "$line") |")
  rss=$(bench_field rss_kb "$line")
  [ "$rss" -le "$PEAK_RSS_KB" ] || PEAK_RSS_KB=$rss
  exit_status=$(bench_field exit "$line")
  [ "$exit_status" = 0 ] || BENCH_NOTES+=("Run $(bench_field n "$line"): hearth serve exited with $exit_status after SIGTERM.")
done < <(grep '^RUN' "$BENCH_TMP/startup.out")
stats=$(grep '^RUN' "$BENCH_TMP/startup.out" | sed 's/.*first_answer_ms=\([0-9.]*\).*/\1/' | sort -n \
  | awk '{ v[NR] = $1 } END { printf "%s %s %s", v[1], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[NR] }')
read -r min median max <<<"$stats"
echo "   first answer: min $min ms, median $median ms, max $max ms"
bench_target "first answer after start, median ms" "$median" "<=" 200
BENCH_LOAD_TEXT="started and timed by bench/startup.mjs (Node $(node --version)) with a fixed free port instead of port 0; no other load"
BENCH_RSS_TEXT="Server RSS at the first answer: at most $(bench_kb_mb "$PEAK_RSS_KB") MB."
bench_write_results startup "Start-up: hearth serve to the first /healthz answer" \
  "First answer over $runs starts: min $min ms, median $median ms, max $max ms."
