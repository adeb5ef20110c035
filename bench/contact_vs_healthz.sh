#!/usr/bin/env bash
# Reads one contact by id (random ids) against /healthz on the same server, at
# concurrency 1, 8 and 64, on a fresh generated SQLite database. Prints requests/s,
# p50/p99 latency and the server's peak RSS, and writes bench/results/.
# Usage: bench/contact_vs_healthz.sh [CONTACTS=100000] [SECONDS=10]
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=${1:-100000}
seconds=${2:-10}
bin=build/hearth
[ -x "$bin" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }

tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
$bin init --db "$tmp/bench.db" --admin-email bench@example.com --admin-password bench-password-1 >/dev/null 2>&1
$bin gen --db "$tmp/bench.db" --companies $((contacts / 10)) --contacts "$contacts" 2>/dev/null
$bin serve --db "$tmp/bench.db" --listen 127.0.0.1:0 --access-log false >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.05; done
url=$(grep -o 'http://[0-9.:]*' "$tmp/out")
sleep 0.5
idle_rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
export TOKEN=$(curl -s "$url/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
export IDS_FILE="$tmp/ids"
sqlite3 "$tmp/bench.db" "SELECT id FROM contacts ORDER BY random() LIMIT 20000" >"$IDS_FILE"
cat bench/wrk/random_contact.lua bench/wrk/report.lua >"$tmp/contact.lua"
cat bench/wrk/healthz.lua bench/wrk/report.lua >"$tmp/healthz.lua"

rows=""
for c in 1 8 64; do
  threads=$((c < 2 ? 1 : 2))
  for scenario in contact healthz; do
    line=$(wrk -t$threads -c$c -d${seconds}s -s "$tmp/$scenario.lua" "$url" | grep '^RESULT')
    echo "c=$c $scenario $line"
    rows+="| $c | $scenario | $(echo "$line" | sed 's/RESULT rps=\([0-9]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\) errors=\([0-9]*\)/\1 | \2 | \3 | \4/') |"$'\n'
  done
done
peak_rss=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
echo "idle RSS ${idle_rss} kB, peak RSS ${peak_rss} kB"

out="bench/results/$(date -u +%F)-contact-vs-healthz.md"
{
  echo "# GET /api/v1/contacts/{id} vs GET /healthz"
  echo
  echo "- date: $(date -u +%FT%TZ)"
  echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -m)"
  echo "- commit: $(git rev-parse --short HEAD)"
  echo "- database: SQLite, $contacts contacts, $((contacts / 10)) companies; wrk ${seconds}s per row, same machine"
  echo "- command: bench/contact_vs_healthz.sh $contacts $seconds"
  echo
  echo "| concurrency | scenario | requests/s | p50 ms | p99 ms | errors |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s' "$rows"
  echo
  echo "Server RSS: idle ${idle_rss} kB, peak ${peak_rss} kB."
} >"$out"
echo "wrote $out"
