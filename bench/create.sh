#!/usr/bin/env bash
# POST /api/v1/contacts, each request a new contact (name with accents, phone to
# normalise, owner, usually a company; unique email per run/thread/counter), at
# concurrency 1, 8 and 64. Target: ≥ 5,000 creates/s at c=64.
# Usage: bench/create.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
bench_make_db "$CONTACTS"
bench_start_server
bench_sample_owners "$BENCH_TMP/owners"
bench_sample_companies 5000 "$BENCH_TMP/companies"
before=$(bench_sql "SELECT count(*) FROM contacts")
for c in $CONCURRENCY; do
  bench_wrk create "$c" create.lua OWNERS_FILE="$BENCH_TMP/owners" COMPANIES_FILE="$BENCH_TMP/companies"
done
after=$(bench_sql "SELECT count(*) FROM contacts")
echo "   contacts: $before before, $after after ($((after - before)) created)"
[[ " $CONCURRENCY " != *" 64 "* ]] || bench_target "creates/s at c=64" "$(bench_row_value create 64 3)" ">=" 5000
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
bench_db_size
bench_write_results create "POST /api/v1/contacts" \
  "Contacts in the database: $before before the runs, $after after; size after: $DB_SIZE_TEXT."
