#!/usr/bin/env bash
# Customer-base analytics on a large database: N contacts with about 10 × N orders over three
# years, drawn by `hearth gen --orders` from BG/NBD and Gamma-Gamma with known parameters.
#   analysis:           GET /api/v1/analytics/status?refresh=true, three times — the whole
#                       analysis (snapshot of the orders, RFM, BG/NBD + Gamma-Gamma fit,
#                       scoring every customer, holdout check, product pairs), with the
#                       server's timing of each step
#   recovery:           the fitted parameters against the ones the orders were drawn from
#   customer-analytics: GET /api/v1/analytics/customers/{id} for random customers, from the
#                       kept analysis, at concurrency 1, 8 and 64
# Targets on 1M customers and 10M orders: RFM ≤ 2 s, fit ≤ 10 s, scoring ≤ 5 s, one
# customer's analytics p99 ≤ 10 ms.
# Usage: bench/analytics.sh [--db sqlite|postgres] [--contacts 1000000] [--seconds 10]
source "$(dirname "$0")/lib.sh"
bench_main "$@"
BENCH_GEN_ARGS="--orders $((CONTACTS * 10))"
bench_make_db "$CONTACTS"
bench_start_server
echo "   $(bench_sql "SELECT COUNT(*) FROM orders") orders, $(bench_sql "SELECT COUNT(*) FROM order_lines") lines"

# The analysis, three times; the server reports each step's milliseconds.
json_field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval("d" + sys.argv[1]))' "$1"; }
for run in 1 2 3; do
  wall=$(curl -s -o "$BENCH_TMP/status.json" -w '%{time_total}' "$URL/api/v1/analytics/status?refresh=true" \
    -H "authorization: Bearer $TOKEN")
  t() { json_field "['timings']['$1']" <"$BENCH_TMP/status.json"; }
  printf '   analysis %s: %.1f s wall — snapshot %.0f ms, rfm %.0f, movement %.0f, fit %.0f, scoring %.0f, holdout check %.0f, affinity %.0f (%s purchases, %s customers)\n' \
    "$run" "$wall" "$(t snapshot_ms)" "$(t rfm_ms)" "$(t movement_ms)" "$(t fit_ms)" "$(t score_ms)" \
    "$(t diagnostics_ms)" "$(t affinity_ms)" "$(t purchases)" "$(json_field "['customers']" <"$BENCH_TMP/status.json")"
  BENCH_ROWS+=("| analysis $run | $(awk -v w="$wall" 'BEGIN { printf "%.1f s", w }') | $(t snapshot_ms | cut -d. -f1) | $(t rfm_ms | cut -d. -f1) | $(t movement_ms | cut -d. -f1) | $(t fit_ms | cut -d. -f1) | $(t score_ms | cut -d. -f1) | $(t diagnostics_ms | cut -d. -f1) | $(t affinity_ms | cut -d. -f1) |")
  RFM_MS=$(t rfm_ms); FIT_MS=$(t fit_ms); SCORE_MS=$(t score_ms); SNAP_MS=$(t snapshot_ms)
done
ANALYSIS_HWM_KB=$(bench_hwm_kb)
ANALYSIS_TABLE=("| run | wall | snapshot ms | RFM ms | movement ms | BG/NBD + Gamma-Gamma fit ms | scoring ms | holdout check ms | affinity ms |" "| --- | --- | --- | --- | --- | --- | --- | --- | --- |" "${BENCH_ROWS[@]}")
BENCH_ROWS=()

# Recovery: the fit against the parameters the generator drew from.
curl -s "$URL/api/v1/analytics/clv?limit=1" -H "authorization: Bearer $TOKEN" >"$BENCH_TMP/clv.json"
fitted=$(python3 -c '
import json, sys
m = json.load(sys.stdin)["model"]; b = m["bgnbd"]; g = m["gamma_gamma"]
print("BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f (LL %.1f); Gamma-Gamma p=%.4f q=%.4f gamma=%.1f" % (
    b["r"], b["alpha"], b["a"], b["b"], b["log_likelihood"], g["p"], g["q"], g["gamma"]))' <"$BENCH_TMP/clv.json")
truth=$(printf '%s\n' "$GEN_TEXT" | grep -o 'BG/NBD.*' | sed 's/ (copied.*//')
rules=$(curl -s "$URL/api/v1/analytics/affinity?limit=1" -H "authorization: Bearer $TOKEN" | json_field "['rules_total']")
baskets=$(curl -s "$URL/api/v1/analytics/affinity?limit=1" -H "authorization: Bearer $TOKEN" | json_field "['baskets']")
echo "   affinity: $rules product-pair rules from $baskets baskets"
BENCH_NOTES+=("Affinity (default thresholds): $rules product-pair rules from $baskets baskets.")
echo "   fitted: $fitted"
echo "   drawn from: $truth"
BENCH_NOTES+=("Fitted on the generated orders: $fitted. The orders were drawn from $truth (same-day orders merge into one purchase and amounts are rounded to whole øre, so a fit lands near, not on, these).")

bench_sample_ids 1000 "$BENCH_TMP/ids"
for c in $CONCURRENCY; do
  bench_wrk customer-analytics "$c" customer_analytics.lua IDS_FILE="$BENCH_TMP/ids"
done
bench_target "RFM (scores, segments, grid) on the whole base, ms" "$RFM_MS" "<=" 2000
bench_target "BG/NBD + Gamma-Gamma fit, ms" "$FIT_MS" "<=" 10000
bench_target "scoring every customer (p_alive, expected purchases, spend, CLV), ms" "$SCORE_MS" "<=" 5000
if [[ " $CONCURRENCY " == *" 1 "* ]]; then
  bench_target "one customer's analytics p99 at c=1, ms" "$(bench_row_value customer-analytics 1 5)" "<=" 10
fi
if [[ " $CONCURRENCY " == *" 8 "* ]]; then
  bench_target "one customer's analytics p99 at c=8, ms" "$(bench_row_value customer-analytics 8 5)" "<=" 10
fi
BENCH_NOTES+=("Reading the snapshot of the orders from the database took $(printf '%.0f' "$SNAP_MS") ms in the last run (not part of the RFM, fit or scoring figures); peak RSS after the three analyses: $(bench_kb_mb "$ANALYSIS_HWM_KB") MB.")
bench_write_results analytics "Customer-base analytics: the whole analysis and one customer's answer" \
  "$(printf '%s\n' "${ANALYSIS_TABLE[@]}")"
