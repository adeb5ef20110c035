#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS
# (default 20; the test suite's short run). Findings are written to fuzz/findings/.
# Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARTH_FUZZ=ON >/dev/null
ninja -C build-fuzz -j2 fuzz_body fuzz_query
mkdir -p fuzz/findings
status=0
for target in fuzz_body fuzz_query; do
  corpus_seed="fuzz/corpus/${target#fuzz_}"
  work=$(mktemp -d)
  echo "== $target for ${seconds}s"
  if ! build-fuzz/$target "$work" "$corpus_seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix=fuzz/findings/$target- -print_final_stats=1 2>"$work/log"; then
    tail -40 "$work/log"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/log" | sed "s/^/  /"
  fi
  rm -rf "$work"
done
exit $status
