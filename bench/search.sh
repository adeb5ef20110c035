#!/usr/bin/env bash
# GET /api/v1/contacts?q=<fragment>&limit=50 with 3–6 letter fragments of names in the
# generated data, mostly accent-free (ovre → Øvrebø, sustar → Šuštar, jorg → Jørgen…),
# random per request, at concurrency 1, 8 and 64. Target: p99 ≤ 20 ms at c=8.
# Usage: bench/search.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
bench_make_db "$CONTACTS"
bench_start_server
for term in ovre sustar jorg; do
  n=$(curl -s "$URL/api/v1/contacts?q=$term&limit=5" -H "authorization: Bearer $TOKEN" | grep -o '"id":"con_' | wc -l)
  echo "   q=$term → $n of 5 on the first page"
  [ "$n" -gt 0 ] || BENCH_NOTES+=("q=$term found nothing on this database.")
done
for c in $CONCURRENCY; do
  bench_wrk search "$c" search.lua
done
[[ " $CONCURRENCY " != *" 8 "* ]] || bench_target "search p99 at c=8, ms" "$(bench_row_value search 8 5)" "<=" 20
bench_target "peak RSS, MB" "$(bench_kb_mb "$PEAK_RSS_KB")" "<=" 200
bench_write_results search "Contact search (q=)" "Terms (one at random per request): ovre sore sustar jorg hansen bjorn hakon strom saeth lokk
brat oyst ase sigr ragn stal moller oster baek kirst rasmu freja kovac zupan potoc bozic koros
ziga spela tjasa gasp ursk blaz aljaz primo natas horv mlak vidm smith taylo wils robin brien
thomp clark amel sophi niels olsen dahl haug berg lund friis (see bench/wrk/lib.lua)."
