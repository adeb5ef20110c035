#!/usr/bin/env bash
# The second README command: builds everything, then runs the whole test suite —
# unit tests (ctest), API scenarios over real HTTP on SQLite and on a throwaway
# PostgreSQL cluster (pg_virtualenv), hostile input and crash safety (SIGKILL/SIGTERM under
# load), the OpenAPI checks and the browser journeys in Debian's Chromium. Exits non-zero if
# any part fails.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh || exit 1
source scripts/node-env.sh

failed=()
run() {
  local name=$1
  shift
  echo
  echo "== $name"
  local started=$SECONDS
  if "$@"; then
    echo "== $name: ok ($((SECONDS - started)) s)"
  else
    echo "== $name: FAILED ($((SECONDS - started)) s)"
    failed+=("$name")
  fi
}

export HEARTH_BIN="$PWD/build/hearth"
run "unit tests" ctest --test-dir build --output-on-failure -j2
run "API on SQLite" node --test --test-concurrency=2 tests/api/
run "API on PostgreSQL" pg_virtualenv -- env HEARTH_TEST_PG=1 node --test --test-concurrency=2 tests/api/
run "command line" node --test tests/cli/
run "hostile input" node --test tests/hostile/
run "crash safety" node --test tests/crash/
run "OpenAPI" node --test tests/openapi/
run "browser" node --test --test-concurrency=1 web/e2e/
run "fuzzing (20 s per target)" bash fuzz/run.sh 20

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all test suites passed"
