# Shared by the benchmark scripts (source it; it is not run on its own). It parses the
# common options, re-runs the script inside a throwaway PostgreSQL cluster for
# --db postgres, makes and samples the database, starts and stops `hearth serve`, runs wrk
# and parses its RESULT line, samples the server's RSS and writes bench/results/.
#
# A scenario script looks like:
#   source "$(dirname "$0")/lib.sh"
#   bench_main "$@"                 # parse options, enter pg_virtualenv, temp dir, trap
#   bench_make_db "$CONTACTS"       # DB_URL, DB_SIZE_TEXT
#   bench_start_server              # SERVER_PID, URL, TOKEN
#   bench_sample_ids 20000 "$BENCH_TMP/ids"
#   for c in $CONCURRENCY; do bench_wrk contact "$c" contact.lua; done
#   bench_write_results contact-by-id "GET /api/v1/contacts/{id}"
#
# Environment: HEARTH_BIN (default build/hearth; copied to the temp dir, so a rebuild
# during a run does not change it), HEARTH_BENCH_CACHE (a folder where generated
# databases are kept and copied from, so several scenarios share one `hearth gen`; for
# PostgreSQL a template database in the current cluster — see run_all.sh).

set -euo pipefail

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -n "${HEARTH_BIN:-}" ]; then
  BENCH_BIN_SRC=$(realpath -- "$HEARTH_BIN")
else
  BENCH_BIN_SRC=$BENCH_ROOT/build/hearth
fi
BENCH_SCRIPT=bench/$(basename "$0")
cd "$BENCH_ROOT"

BENCH_ADMIN_EMAIL=bench@example.com
BENCH_ADMIN_PASSWORD=bench-password-1

DIALECT=sqlite
CONTACTS=1000000
DURATION=10
CONCURRENCY="1 8 64"
BENCH_TMP=""
SERVER_PID=""
SERVER_EXIT=""
URL=""
TOKEN=""
DB_URL=""
DB_NAME=""
DB_SIZE_TEXT=""
DB_SIZE_GEN=""
GEN_TEXT=""
BENCH_BG_PIDS=()
BENCH_FG_PID=""
BENCH_ROWS=()
BENCH_NOTES=()
BENCH_TARGETS=()
BENCH_TABLE_HEADER="| concurrency | request | requests/s | p50 ms | p99 ms | errors | 412 | statuses | peak RSS MB |"
PEAK_RSS_KB=0
IDLE_RSS_KB=0
PEAK_RESET_WORKS=0

bench_die() {
  echo "$BENCH_SCRIPT: $*" >&2
  exit 1
}

bench_usage() {
  cat <<EOF
Usage: $BENCH_SCRIPT [--db sqlite|postgres] [--contacts N] [--seconds S] [--concurrency "1 8 64"]
  --db           database dialect (default sqlite); postgres runs inside pg_virtualenv
  --contacts     contacts in the generated database (default ${BENCH_DEFAULT_CONTACTS:-1000000})
  --seconds      duration of each wrk run (default ${BENCH_DEFAULT_SECONDS:-10})
  --concurrency  connection counts to run (default "1 8 64")
Environment: HEARTH_BIN (default build/hearth), HEARTH_BENCH_CACHE (reuse generated databases)
EOF
}

# Parses the options, re-executes inside pg_virtualenv for PostgreSQL, makes the temp dir
# and sets the cleanup trap. Scripts may set BENCH_DEFAULT_SECONDS / BENCH_DEFAULT_CONTACTS
# / BENCH_DEFAULT_CONCURRENCY before calling it.
bench_main() {
  BENCH_ARGS=("$@")
  CONTACTS=${BENCH_DEFAULT_CONTACTS:-1000000}
  DURATION=${BENCH_DEFAULT_SECONDS:-10}
  CONCURRENCY=${BENCH_DEFAULT_CONCURRENCY:-"1 8 64"}
  while [ $# -gt 0 ]; do
    case "$1" in
      --db) DIALECT=${2:?--db needs a value}; shift 2 ;;
      --db=*) DIALECT=${1#*=}; shift ;;
      --contacts) CONTACTS=${2:?--contacts needs a value}; shift 2 ;;
      --contacts=*) CONTACTS=${1#*=}; shift ;;
      --seconds) DURATION=${2:?--seconds needs a value}; shift 2 ;;
      --seconds=*) DURATION=${1#*=}; shift ;;
      --concurrency) CONCURRENCY=${2:?--concurrency needs a value}; shift 2 ;;
      --concurrency=*) CONCURRENCY=${1#*=}; shift ;;
      -h|--help) bench_usage; exit 0 ;;
      *) bench_usage >&2; bench_die "unknown option $1" ;;
    esac
  done
  case "$DIALECT" in sqlite|postgres) ;; *) bench_die "--db must be sqlite or postgres" ;; esac
  [[ "$CONTACTS" =~ ^[0-9]+$ ]] || bench_die "--contacts must be a number"
  if ! [[ "$DURATION" =~ ^[1-9][0-9]*$ ]]; then bench_die "--seconds must be a positive number"; fi
  [ -x "$BENCH_BIN_SRC" ] || bench_die "no hearth binary at $BENCH_BIN_SRC (build first: scripts/build.sh, or set HEARTH_BIN)"
  command -v wrk >/dev/null || bench_die "wrk is not installed (apt-get install wrk)"

  if [ "$DIALECT" = postgres ] && [ -z "${HEARTH_BENCH_IN_PG:-}" ]; then
    command -v pg_virtualenv >/dev/null || bench_die "pg_virtualenv is not installed (postgresql-common)"
    echo "== starting a throwaway PostgreSQL cluster (pg_virtualenv)"
    # HEARTH_BIN is passed resolved: pg_virtualenv keeps the working directory, but be sure.
    exec pg_virtualenv -- env HEARTH_BENCH_IN_PG=1 HEARTH_BIN="$BENCH_BIN_SRC" bash "$0" "${BENCH_ARGS[@]}"
  fi
  if [ "$DIALECT" = postgres ]; then
    psql -X -q -At -d postgres -c 'SELECT 1' >/dev/null 2>&1 \
      || bench_die "cannot reach PostgreSQL (PGHOST=${PGHOST:-unset}); is another pg_virtualenv running?"
  fi

  BENCH_TMP=$(mktemp -d /tmp/hearth-bench.XXXXXX)
  # The script's own stdout/stderr, for the cleanup: a signal can arrive while a function
  # runs with its output redirected (bench_run … >wrk.out).
  exec 8>&1 9>&2
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  cp "$BENCH_BIN_SRC" "$BENCH_TMP/hearth"
  BIN=$BENCH_TMP/hearth
  "$BIN" --version >/dev/null 2>&1 || bench_die "$BENCH_BIN_SRC does not run (being rebuilt?)"
  BENCH_STARTED_AT=$(date -u +%FT%TZ)
  if [ -n "${BENCH_NO_WRK:-}" ]; then
    echo "== $BENCH_SCRIPT on $DIALECT: $CONTACTS contacts"
  else
    echo "== $BENCH_SCRIPT on $DIALECT: $CONTACTS contacts, ${DURATION}s per run, concurrency $CONCURRENCY"
  fi
}

# Runs a command (wrk, a Node client) in the background and waits for it, so that INT/TERM
# interrupt the wait at once and the cleanup trap can stop the command too.
bench_run() {
  "$@" &
  BENCH_FG_PID=$!
  local rc=0
  wait "$BENCH_FG_PID" || rc=$?
  BENCH_FG_PID=""
  return $rc
}

bench_cleanup() {
  local rc=$?
  set +e
  exec 1>&8 2>&9
  local p
  [ -z "$BENCH_FG_PID" ] || kill "$BENCH_FG_PID" 2>/dev/null
  for p in "${BENCH_BG_PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  bench_stop_server
  if [ "$DIALECT" = postgres ] && [ -n "$DB_NAME" ]; then
    dropdb --if-exists --force "$DB_NAME" 2>/dev/null
  fi
  [ -n "$BENCH_TMP" ] && rm -rf "$BENCH_TMP"
  if [ $rc -ne 0 ]; then echo "$BENCH_SCRIPT: FAILED (exit $rc)" >&2; fi
  exit $rc
}

# ---------------------------------------------------------------------------------------
# Database

# Runs SQL against the bench database and prints the rows, columns separated by one space.
bench_sql() {
  if [ "$DIALECT" = sqlite ]; then
    sqlite3 -batch -separator ' ' "$DB_URL" "$1"
  else
    psql -X -q -At -F ' ' -v ON_ERROR_STOP=1 -d "$DB_NAME" -c "$1"
  fi
}

_bench_init_db() {  # url
  "$BIN" init --db "$1" --admin-email "$BENCH_ADMIN_EMAIL" --admin-password "$BENCH_ADMIN_PASSWORD" \
    >"$BENCH_TMP/init.log" 2>&1 || { cat "$BENCH_TMP/init.log" >&2; bench_die "hearth init failed"; }
}

# BENCH_GEN_ARGS: more `hearth gen` options a scenario needs (e.g. interactions); the
# cache keeps one database per distinct set.
_bench_gen() {  # url contacts → prints hearth gen's summary line
  local companies=$(($2 / 10))
  # shellcheck disable=SC2086
  "$BIN" gen --db "$1" --companies "$companies" --contacts "$2" ${BENCH_GEN_ARGS:-} --seed 1 >"$BENCH_TMP/gen.log" 2>&1 \
    || { cat "$BENCH_TMP/gen.log" >&2; bench_die "hearth gen failed"; }
  grep -E '^(generated|orders drawn)' "$BENCH_TMP/gen.log"
}

_bench_pg_exists() { [ "$(psql -X -At -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

# Makes the bench database: `hearth init` and, for N > 0, `hearth gen --companies N/10
# --contacts N --seed 1`. Sets DB_URL (what `hearth --db` takes), DB_NAME (PostgreSQL),
# GEN_TEXT and DB_SIZE_TEXT. With HEARTH_BENCH_CACHE the generated database is kept and
# copied (SQLite file / PostgreSQL template database).
bench_make_db() {
  local n=$1 cache=${HEARTH_BENCH_CACHE:-}
  local started=$SECONDS
  local variant
  variant=""
  [ -z "${BENCH_GEN_ARGS:-}" ] || variant=_$(printf '%s' "$BENCH_GEN_ARGS" | md5sum | cut -c1-8)
  if [ "$DIALECT" = sqlite ]; then
    DB_URL=$BENCH_TMP/bench.db
    if [ -n "$cache" ] && [ "$n" -gt 0 ]; then
      mkdir -p "$cache"
      local cached=$cache/sqlite-$n$variant.db
      if [ ! -f "$cached" ]; then
        echo "== generating $n contacts on SQLite (kept in $cache)"
        rm -f "$cached.tmp"*
        _bench_init_db "$cached.tmp"
        _bench_gen "$cached.tmp" "$n" >"$cache/sqlite-$n$variant.gen"
        [ ! -f "$cached.tmp-wal" ] || sqlite3 "$cached.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
        rm -f "$cached.tmp-wal" "$cached.tmp-shm"
        mv "$cached.tmp" "$cached"
      fi
      cp "$cached" "$DB_URL"
      GEN_TEXT="$(cat "$cache/sqlite-$n$variant.gen") (copied from the cache)"
    else
      echo "== generating $n contacts on SQLite"
      _bench_init_db "$DB_URL"
      if [ "$n" -gt 0 ]; then GEN_TEXT=$(_bench_gen "$DB_URL" "$n"); fi
    fi
  else
    DB_NAME=hearth_bench_$$
    DB_URL=postgresql:///$DB_NAME
    if [ -n "$cache" ] && [ "$n" -gt 0 ]; then
      mkdir -p "$cache"
      local tpl=hearth_bench_tpl_$n$variant
      if ! _bench_pg_exists "$tpl"; then
        echo "== generating $n contacts on PostgreSQL (template database $tpl)"
        dropdb --if-exists "${tpl}_tmp" && createdb "${tpl}_tmp"
        _bench_init_db "postgresql:///${tpl}_tmp"
        _bench_gen "postgresql:///${tpl}_tmp" "$n" >"$cache/postgres-$n$variant.gen"
        psql -X -q -d postgres -c "ALTER DATABASE ${tpl}_tmp RENAME TO $tpl" >/dev/null
      fi
      createdb -T "$tpl" "$DB_NAME"
      GEN_TEXT="$(cat "$cache/postgres-$n$variant.gen" 2>/dev/null) (copied from template $tpl)"
    else
      echo "== generating $n contacts on PostgreSQL"
      createdb "$DB_NAME"
      _bench_init_db "$DB_URL"
      if [ "$n" -gt 0 ]; then GEN_TEXT=$(_bench_gen "$DB_URL" "$n"); fi
    fi
  fi
  if [ -n "$GEN_TEXT" ]; then echo "   $GEN_TEXT"; fi
  bench_db_size
  DB_SIZE_GEN=$DB_SIZE_TEXT
  echo "   database ready in $((SECONDS - started)) s: $DB_SIZE_TEXT"
}

bench_db_size() {
  if [ "$DIALECT" = sqlite ]; then
    local file wal
    file=$(stat -c %s "$DB_URL" 2>/dev/null || echo 0)
    wal=$(stat -c %s "$DB_URL-wal" 2>/dev/null || echo 0)
    DB_SIZE_TEXT="$(bench_mb "$file") MB (SQLite file) + $(bench_mb "$wal") MB WAL"
  else
    DB_SIZE_TEXT="$(bench_mb "$(bench_sql 'SELECT pg_database_size(current_database())')") MB (pg_database_size)"
  fi
}

bench_pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b > 0) ? (100 * a / b) : 0 }'; }

bench_mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# Prints N random contact ids, one a line, into FILE (with " VERSION" after each for
# `bench_sample_ids N FILE versions`).
bench_sample_ids() {
  local n=$1 file=$2 cols=id
  [ "${3:-}" = versions ] && cols="id, version"
  bench_sql "SELECT $cols FROM contacts WHERE archived_at IS NULL ORDER BY random() LIMIT $n" >"$file"
  [ -s "$file" ] || bench_die "no contacts to sample"
}

bench_sample_owners() {  # FILE: the staff users that own contacts
  bench_sql "SELECT id FROM users WHERE email LIKE '%@hearth.demo' ORDER BY id" >"$1"
  [ -s "$1" ] || bench_sql "SELECT id FROM users ORDER BY id" >"$1"
}

bench_sample_companies() {  # N FILE
  bench_sql "SELECT id FROM companies ORDER BY random() LIMIT $1" >"$2"
}

# ---------------------------------------------------------------------------------------
# Server

# Starts `hearth serve` on DB_URL, waits for its "hearth listening on" line and logs in.
# Extra arguments go to `hearth serve`.
# shellcheck disable=SC2120
bench_start_server() {
  SERVER_EXIT=""
  "$BIN" serve --db "$DB_URL" --listen 127.0.0.1:0 --access-log false "$@" \
    >"$BENCH_TMP/server.out" 2>>"$BENCH_TMP/server.err" &
  SERVER_PID=$!
  local waited=0
  until grep -q '^hearth listening on http://' "$BENCH_TMP/server.out" 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      cat "$BENCH_TMP/server.err" >&2
      SERVER_PID=""
      bench_die "hearth serve exited before listening"
    fi
    sleep 0.05
    waited=$((waited + 1))
    [ $waited -lt 2400 ] || bench_die "hearth serve did not listen within 120 s"
  done
  URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$BENCH_TMP/server.out" | head -1)
  [ -n "$URL" ] || bench_die "hearth serve did not print a 127.0.0.1 address"
  bench_login
  bench_wait_for_jobs
  sleep 0.5
  IDLE_RSS_KB=$(bench_rss_kb)
  echo "   server pid $SERVER_PID at $URL, idle RSS $(bench_kb_mb "$IDLE_RSS_KB") MB"
}

# The server runs its daily jobs when it starts (on generated data the birthday and
# anniversary follow-ups make thousands of tasks): let them finish before measuring.
bench_wait_for_jobs() {
  local waited=0 busy
  while :; do
    busy=$(curl -s "$URL/api/v1/jobs?status=queued&limit=1" -H "authorization: Bearer $TOKEN" | grep -c '"id"' || true)
    busy=$((busy + $(curl -s "$URL/api/v1/jobs?status=running&limit=1" -H "authorization: Bearer $TOKEN" | grep -c '"id"' || true)))
    [ "$busy" -gt 0 ] || break
    [ $waited -lt 600 ] || { echo "   (background jobs still running after 300 s; measuring anyway)"; break; }
    sleep 0.5
    waited=$((waited + 1))
  done
  [ $waited -eq 0 ] || echo "   waited $((waited / 2)) s for the server's start-up jobs (daily follow-ups)"
}

bench_login() {
  local body
  body=$(curl -sS --max-time 30 "$URL/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$BENCH_ADMIN_EMAIL\",\"password\":\"$BENCH_ADMIN_PASSWORD\"}")
  TOKEN=$(printf '%s' "$body" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [ -n "$TOKEN" ] || bench_die "login failed: $body"
  export TOKEN
}

# Sends SIGTERM and waits (15 s, then SIGKILL). Records SERVER_EXIT.
bench_stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  local pid=$SERVER_PID
  SERVER_PID=""
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "   hearth serve did not stop within 15 s of SIGTERM; killing it" >&2
      BENCH_NOTES+=("hearth serve did not stop within 15 s of SIGTERM (killed).")
      kill -KILL "$pid" 2>/dev/null
    fi
  fi
  wait "$pid" 2>/dev/null && SERVER_EXIT=0 || SERVER_EXIT=$?
}

bench_server_alive() {
  if [ -z "$SERVER_PID" ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
    tail -20 "$BENCH_TMP/server.err" >&2
    bench_die "hearth serve died"
  fi
}

bench_rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0; }
bench_hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0; }
bench_kb_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so the next reading is the
# peak of the next run only. Needs Linux ≥ 4.0 and permission to write clear_refs.
bench_reset_peak() {
  bench_note_peak
  if echo 5 2>/dev/null >"/proc/$SERVER_PID/clear_refs"; then PEAK_RESET_WORKS=1; fi
}

# Reads VmHWM into R_HWM_KB and folds it into PEAK_RSS_KB (the whole script's peak).
bench_note_peak() {
  R_HWM_KB=$(bench_hwm_kb)
  R_HWM_KB=${R_HWM_KB:-0}
  if [ "$R_HWM_KB" -gt "$PEAK_RSS_KB" ]; then PEAK_RSS_KB=$R_HWM_KB; fi
}

# Samples the server's RSS every INTERVAL seconds into FILE ("elapsed_s rss_kb hwm_kb")
# in the background until bench_stop_sampler.
bench_start_sampler() {
  local interval=$1 file=$2 pid=$SERVER_PID
  : >"$file"
  (
    start=$(date +%s)
    while kill -0 "$pid" 2>/dev/null; do
      echo "$(($(date +%s) - start)) $(awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {print r, h}' "/proc/$pid/status" 2>/dev/null)" >>"$file"
      sleep "$interval"
    done
  ) &
  BENCH_SAMPLER_PID=$!
  BENCH_BG_PIDS+=("$BENCH_SAMPLER_PID")
}

bench_stop_sampler() {
  kill "$BENCH_SAMPLER_PID" 2>/dev/null || true
  wait "$BENCH_SAMPLER_PID" 2>/dev/null || true
}

# Lines at warning level or above that the server logged (spdlog "[warning]", "[error]",
# "[critical]"); they go into the results file.
bench_server_log_problems() {
  grep -E '\[(warning|error|critical)\]' "$BENCH_TMP/server.err" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------
# wrk

# Runs wrk for DURATION seconds at concurrency C with bench/wrk/lib.lua + SCRIPT +
# bench/wrk/report.lua, prints the figures and adds a table row labelled LABEL.
# Sets R_RPS R_P50 R_P99 R_ERRORS R_412 R_CODES R_PEAK_KB. Extra NAME=VALUE arguments go
# into wrk's environment (the Lua scripts read IDS_FILE, OWNERS_FILE, … from it).
bench_wrk() {
  local label=$1 c=$2 script=$3
  shift 3
  local threads=$((c < 2 ? 1 : 2))
  bench_server_alive
  cat bench/wrk/lib.lua "bench/wrk/$script" bench/wrk/report.lua >"$BENCH_TMP/run.lua"
  bench_reset_peak
  if ! bench_run env WRK_THREADS=$threads RUN_TAG="$(date +%s%N | cut -c1-13)c$c" TOKEN="$TOKEN" "$@" \
      wrk -t"$threads" -c"$c" -d"${DURATION}s" --timeout 10s -s "$BENCH_TMP/run.lua" "$URL" \
      >"$BENCH_TMP/wrk.out" 2>&1; then
    cat "$BENCH_TMP/wrk.out" >&2
    bench_die "wrk failed"
  fi
  # Requests still in flight when wrk stops are finished by the server after wrk exits;
  # let them land before anything samples the database (versions for PATCH) or runs next.
  sleep 2
  local line
  line=$(grep '^RESULT' "$BENCH_TMP/wrk.out" || true)
  [ -n "$line" ] || { cat "$BENCH_TMP/wrk.out" >&2; bench_die "wrk printed no RESULT line"; }
  bench_server_alive
  R_RPS=$(bench_field rps "$line")
  R_P50=$(bench_field p50_ms "$line")
  R_P99=$(bench_field p99_ms "$line")
  R_412=$(bench_field s412 "$line")
  R_CODES=$(bench_field codes "$line" | tr ',' ' ')
  R_ERRORS=$(( $(bench_field errors "$line") - ${R_412:-0} ))
  # wrk's own breakdown (connect/read/write/timeout) says what kind of error they were.
  local socket_errors
  socket_errors=$(grep -m1 'Socket errors' "$BENCH_TMP/wrk.out" | sed 's/^ *//' || true)
  [ -z "$socket_errors" ] || BENCH_NOTES+=("$label at c=$c: $socket_errors.")
  [ "$R_412" = "" ] && R_412=-
  bench_note_peak
  R_PEAK_KB=$R_HWM_KB
  local peak_mb
  peak_mb=$(bench_kb_mb "$R_PEAK_KB")
  printf '   c=%-3s %-14s %8s req/s  p50 %7s ms  p99 %7s ms  errors %s  412 %s  [%s]  peak RSS %s MB\n' \
    "$c" "$label" "$R_RPS" "$R_P50" "$R_P99" "$R_ERRORS" "$R_412" "${R_CODES:--}" "$peak_mb"
  BENCH_ROWS+=("| $c | $label | $R_RPS | $R_P50 | $R_P99 | $R_ERRORS | $R_412 | ${R_CODES:--} | $peak_mb |")
}

bench_field() {  # NAME LINE → the value of NAME=… in a RESULT line
  printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1
}

# ---------------------------------------------------------------------------------------
# Targets and results

# bench_target DESCRIPTION ACTUAL OP LIMIT (OP is >= or <=); prints and records PASS/MISS.
bench_target() {
  local what=$1 actual=$2 op=$3 limit=$4 verdict
  if awk -v a="$actual" -v l="$limit" -v op="$op" \
      'BEGIN { exit !((op == ">=" && a + 0 >= l + 0) || (op == "<=" && a + 0 <= l + 0)) }'; then
    verdict=PASS
  else
    verdict=MISS
  fi
  echo "   target: $what: $actual $op $limit → $verdict"
  BENCH_TARGETS+=("- $what: $actual (target $op $limit) — **$verdict**")
}

# Row of the table by label and concurrency: prints the given column (3 = requests/s,
# 4 = p50, 5 = p99).
bench_row_value() {  # LABEL C COLUMN
  local row
  for row in "${BENCH_ROWS[@]}"; do
    IFS='|' read -r _ rc rl rest <<<"$row"
    if [ "${rc// /}" = "$2" ] && [ "${rl// /}" = "$1" ]; then
      echo "$row" | awk -F'|' -v col="$(($3 + 1))" '{ gsub(/ /, "", $col); print $col }'
      return
    fi
  done
}

bench_machine() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  echo "$(nproc) cores (${cpu:-unknown CPU}), $(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo) GiB RAM, Linux $(uname -r), $(uname -m)"
}

bench_commit() {
  local commit dirty=""
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git status --porcelain -- src CMakeLists.txt 2>/dev/null)" ]; then dirty=" (uncommitted changes in src/)"; fi
  echo "$commit$dirty; binary $(basename "$BENCH_BIN_SRC") built $(date -u -r "$BENCH_BIN_SRC" +'%F %T UTC'), $("$BIN" --version 2>/dev/null | head -1)"
}

bench_command() {
  local out=$BENCH_SCRIPT a
  for a in "${BENCH_ARGS[@]}"; do out+=" $(printf '%q' "$a")"; done
  echo "$out"
}

# Writes bench/results/<date>-<SCENARIO>-<dialect>.md with TITLE, the machine, commit,
# database, command, the table (BENCH_TABLE_HEADER + BENCH_ROWS), RSS, targets, notes and
# the server's warnings/errors. EXTRA (optional) is a paragraph of its own after the table.
bench_write_results() {
  local scenario=$1 title=$2 extra=${3:-}
  # Stop the server first, so the file says whether it shut down cleanly on SIGTERM.
  if [ -n "$SERVER_PID" ]; then
    bench_stop_server
    if [ "$SERVER_EXIT" != 0 ]; then
      echo "   hearth serve exited with status $SERVER_EXIT after SIGTERM" >&2
      BENCH_NOTES+=("hearth serve exited with status $SERVER_EXIT after SIGTERM (expected 0).")
    fi
  fi
  mkdir -p bench/results
  local out
  out=bench/results/$(date -u +%F)-$scenario-$DIALECT.md
  local dialect_text=SQLite
  [ "$DIALECT" = postgres ] && dialect_text="PostgreSQL $(psql -X -At -d postgres -c 'SHOW server_version' 2>/dev/null) (pg_virtualenv, same machine)"
  local problems
  problems=$(bench_server_log_problems)
  local ncols
  ncols=$(echo "$BENCH_TABLE_HEADER" | awk -F'|' '{print NF - 2}')
  {
    echo "# $title — $dialect_text"
    echo
    echo "- date: $BENCH_STARTED_AT"
    echo "- machine: $(bench_machine)"
    echo "- commit: $(bench_commit)"
    echo "- database: $dialect_text, ${BENCH_DB_DESC:-$CONTACTS contacts, $((CONTACTS / 10)) companies (\`hearth gen --seed 1\`)}; size $DB_SIZE_GEN"
    [ -n "$GEN_TEXT" ] && echo "- hearth gen: $GEN_TEXT"
    echo "- server: \`hearth serve --listen 127.0.0.1:0 --access-log false\` (other options default); ${BENCH_LOAD_TEXT:-load from wrk (threads: 1 at c=1, else 2; --timeout 10s; ${DURATION}s per row) on the same machine over loopback}"
    echo "- command: \`$(bench_command)\`"
    echo
    if [ ${#BENCH_ROWS[@]} -gt 0 ]; then
      echo "$BENCH_TABLE_HEADER"
      printf '|'; for _ in $(seq "$ncols"); do printf ' --- |'; done; echo
      printf '%s\n' "${BENCH_ROWS[@]}"
      echo
    fi
    if [ -n "$extra" ]; then echo "$extra"; echo; fi
    if [ -n "${BENCH_RSS_TEXT:-}" ]; then
      echo "$BENCH_RSS_TEXT"
    else
      echo "Server RSS: idle $(bench_kb_mb "$IDLE_RSS_KB") MB after start; peak $(bench_kb_mb "$PEAK_RSS_KB") MB over the whole run, start-up and the login (argon2id, ~20 MB for a moment) included (VmHWM)$([ "$PEAK_RESET_WORKS" = 1 ] && echo '; the per-row peaks are VmHWM reset before each row')."
    fi
    [ "$DIALECT" = postgres ] && echo "RSS is the hearth process only, not the PostgreSQL backends."
    if [ ${#BENCH_TARGETS[@]} -gt 0 ]; then
      echo
      echo "Targets:"
      echo
      printf '%s\n' "${BENCH_TARGETS[@]}"
    fi
    if [ ${#BENCH_NOTES[@]} -gt 0 ]; then
      echo
      printf '%s\n' "${BENCH_NOTES[@]}"
    fi
    echo
    if [ -n "$problems" ]; then
      echo "Server log lines at warning level or above ($(echo "$problems" | wc -l)), first 10:"
      echo
      echo '```'
      echo "$problems" | head -10 | cut -c1-300
      echo '```'
    else
      echo "The server logged no warnings or errors."
    fi
  } >"$out"
  if [ -n "$problems" ]; then
    echo "   server logged $(echo "$problems" | wc -l) warning/error lines, e.g.:"
    echo "$problems" | head -3 | cut -c1-300 | sed 's/^/     /'
  fi
  echo "wrote $out"
}
