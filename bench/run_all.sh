#!/usr/bin/env bash
# Runs every benchmark scenario except the soak, on SQLite and then on PostgreSQL (one
# throwaway pg_virtualenv cluster for all PostgreSQL runs). Each dialect generates its
# database once (HEARTH_BENCH_CACHE) and every scenario works on a fresh copy; the binary
# is copied once, so a rebuild during the run changes nothing. Each scenario writes its
# own bench/results/<date>-<scenario>-<dialect>.md; a summary is printed at the end.
# Usage: bench/run_all.sh [--db sqlite|postgres|both] [--contacts 1000000] [--seconds 10]
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
dialects="sqlite postgres"
pass=()
inside_pg=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) dialects=$2; shift 2 ;;
    --db=*) dialects=${1#*=}; shift ;;
    --inside-pg) inside_pg=1; shift ;;   # internal: already inside pg_virtualenv
    --contacts|--seconds) pass+=("$1" "$2"); shift 2 ;;
    --contacts=*|--seconds=*) pass+=("$1"); shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_all.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$dialects" = both ] && dialects="sqlite postgres"
scenarios=(contact_by_id list search create patch batch_import mixed startup timeline cases analytics)

# Children run in the background and are waited for, so a signal stops the running
# scenario (which cleans up after itself) and then this script.
child=""
on_signal() {
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
run_child() {
  "$@" &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=""
  return $rc
}

if [ -z "$inside_pg" ]; then
  work=$(mktemp -d /tmp/hearth-bench-all.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  bin=${HEARTH_BIN:-build/hearth}
  [ -x "$bin" ] || { echo "run_all.sh: no hearth binary at $bin (build first)" >&2; exit 1; }
  cp "$bin" "$work/hearth"
  export HEARTH_BIN=$work/hearth
  export HEARTH_BENCH_CACHE=$work/cache
  export HEARTH_BENCH_SUMMARY=$work/summary
  : >"$HEARTH_BENCH_SUMMARY"
fi

run_dialect() {
  local dialect=$1 s started
  for s in "${scenarios[@]}"; do
    echo
    echo "######## $s on $dialect"
    started=$SECONDS
    if run_child bash "bench/$s.sh" --db "$dialect" "${pass[@]}"; then
      echo "$dialect $s ok $((SECONDS - started))s" >>"$HEARTH_BENCH_SUMMARY"
    else
      echo "$dialect $s FAILED $((SECONDS - started))s" >>"$HEARTH_BENCH_SUMMARY"
    fi
  done
}

if [ -n "$inside_pg" ]; then
  run_dialect postgres
  exit 0
fi

started_all=$SECONDS
for dialect in $dialects; do
  case "$dialect" in
    sqlite) run_dialect sqlite ;;
    postgres)
      echo
      echo "######## starting one PostgreSQL cluster (pg_virtualenv) for all PostgreSQL scenarios"
      run_child pg_virtualenv -- env HEARTH_BENCH_IN_PG=1 bash bench/run_all.sh --inside-pg "${pass[@]}" \
        || echo "postgres (pg_virtualenv) FAILED" >>"$HEARTH_BENCH_SUMMARY"
      ;;
    *) echo "run_all.sh: --db must be sqlite, postgres or both" >&2; exit 2 ;;
  esac
done

echo
echo "######## summary ($((SECONDS - started_all)) s)"
column -t "$HEARTH_BENCH_SUMMARY" 2>/dev/null || cat "$HEARTH_BENCH_SUMMARY"
echo "results: bench/results/$(date -u +%F)-*.md"
! grep -q FAILED "$HEARTH_BENCH_SUMMARY"
