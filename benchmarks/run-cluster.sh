#!/usr/bin/env bash
# What Spark costs: the Spark application in local mode against batch, on the same bundles, in one run.
#
# usage: benchmarks/run-cluster.sh COUNT SIZE_MB
#
# Generates COUNT different bundles of SIZE_MB uncompressed trace logs each (../shared/tools/gen_perf_bundle.py,
# one seed each) and times:
#   (a) ./bundle-analyzer batch --no-index --jobs 2: the same analyses in one JVM, two at a time: the baseline
#   (b) ./bundle-analyzer-cluster analyze --master 'local[2]': a task per bundle, two at a time, tables published
#   (c) the same again: nothing new, every bundle known by its place, size and time
# and prints each time, the ratios to (a), and the peak memory (RSS) of (a) and (b). SHARE=folder reuses bundles
# made before. Needs python3, GNU time and bc.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:?usage: benchmarks/run-cluster.sh COUNT SIZE_MB}
size=${2:?usage: benchmarks/run-cluster.sh COUNT SIZE_MB}
for tool in python3 bc /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-cluster: $tool is needed" >&2; exit 2; }
done
# both build when their sources are newer, outside the timings; the cluster's build packages the analyzer's jar
# too, so the analyzer's launcher comes second, to renew its class-data archive here rather than inside (a)
./bundle-analyzer-cluster --version >/dev/null
./bundle-analyzer --version >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
share=${SHARE:-$work/share}
if [ -z "${SHARE:-}" ]; then
  mkdir -p "$share"
  echo "== generating $count bundles of $size MB"
  for i in $(seq 1 "$count"); do
    python3 ../shared/tools/gen_perf_bundle.py "$share/perf-$i.zip" "$size" "$i" >/dev/null
  done
fi
du -sm "$share" | awk '{printf "   %s: %d MB compressed\n", $2, $1}'

timed() { # timed NAME COMMAND...: runs it under GNU time; sets secs and rss
  local name=$1 rc=0
  shift
  /usr/bin/time -v -o "$work/time-$name.txt" "$@" >"$work/out-$name.txt" 2>"$work/err-$name.txt" || rc=$?
  # batch says 4 when a bundle has an error or critical finding, as these do
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 4 ]; then
    echo "run-cluster: ($name) exited with $rc; its output:" >&2
    tail -n 20 "$work/out-$name.txt" "$work/err-$name.txt" >&2
    exit 1
  fi
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' \
      "$work/time-$name.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time-$name.txt")
}

echo "== (a) batch --no-index --jobs 2"
timed a ./bundle-analyzer batch "$share" --out "$work/batch" --no-index --jobs 2 --settle 0s
a=$secs a_rss=$rss
echo "== (b) bundle-analyzer-cluster analyze --master local[2]"
timed b ./bundle-analyzer-cluster analyze --master 'local[2]' --input "$share" --output "$work/cluster"
b=$secs b_rss=$rss
grep -q "analyzed=$count," "$work/out-b.txt" || { echo "run-cluster: (b) did not analyze every bundle" >&2; exit 1; }
echo "== (c) the same again, nothing new"
timed c ./bundle-analyzer-cluster analyze --master 'local[2]' --input "$share" --output "$work/cluster"
c=$secs
grep -q "unchanged=$count," "$work/out-c.txt" || { echo "run-cluster: (c) analyzed again" >&2; exit 1; }

printf '\n%-52s %8s %8s %9s\n' "" "seconds" "x (a)" "RSS MiB"
printf '%-52s %8.1f %8s %9s\n' "(a) batch --no-index --jobs 2" "$a" "1.00" "$a_rss"
printf '%-52s %8.1f %8.2f %9s\n' "(b) cluster analyze, local[2]" "$b" "$(echo "$b / $a" | bc -l)" "$b_rss"
printf '%-52s %8.1f %8.2f %9s\n' "(c) cluster analyze again, nothing new" "$c" "$(echo "$c / $a" | bc -l)" ""
