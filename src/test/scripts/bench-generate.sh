#!/usr/bin/env bash
# Benchmark of `generate`: a province of N enterprises (default 1,000,000) with a 1 GiB heap.
# Prints wall seconds, CPU seconds and peak resident memory. Build the jar first (./mvnw -DskipTests package).
# usage: src/test/scripts/bench-generate.sh [N] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../../.."
enterprises="${1:-1000000}"
out="${2:-target/bench-generate}"
jar="target/qe-registry.jar"
[ -f "$jar" ] || { echo "no $jar: run ./mvnw -DskipTests package first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
rm -rf "$out"
stats="$(mktemp)"
/usr/bin/time -v -o "$stats" java -Xmx1g -jar "$jar" generate --out="$out" --enterprises="$enterprises" --seed=1 --as-of=2025-11-26
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$stats" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
user=$(awk -F': ' '/User time/ {print $2}' "$stats")
sys=$(awk -F': ' '/System time/ {print $2}' "$stats")
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$stats")
rm -f "$stats"
echo "enterprises:     $enterprises"
echo "wall seconds:    $wall"
echo "cpu seconds:     $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') (user $user, sys $sys)"
echo "peak RSS (MiB):  $((rss / 1024))  (heap capped at 1 GiB by -Xmx1g)"
echo "output:          $(du -sh "$out" | cut -f1) in $out"
ls -l "$out"/inbox/*/ "$out"/exchange "$out"/truth | grep -v '^total'
