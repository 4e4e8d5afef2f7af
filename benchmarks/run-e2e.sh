#!/usr/bin/env bash
# End-to-end timing of the analyzer against what the machine can do with the same bundle, in one run.
#
# usage: benchmarks/run-e2e.sh SIZE_MB [JAVA_OPTS...]
#
# Generates a bundle of SIZE_MB uncompressed trace logs (../shared/tools/gen_perf_bundle.py) and times:
#   (a) inflating it with zlib, one thread (python3 zipfile): the baseline
#   (b) unzip -p | rg for the error IDs: what an engineer would do by hand
#   (c) ./bundle-analyzer analyze, in full
#   (d) ./bundle-analyzer analyze --no-index: the rules, timeline and report without the full-text index
# and prints each time, the ratios to (a), the peak memory (RSS) of (c) and (d), and when (d) announced its first
# finding. Extra arguments replace the launcher's java options (e.g. -Xmx512m). Needs python3, unzip, GNU time, bc and ripgrep
# (apt-get install ripgrep). BUNDLE=path reuses a bundle made before (generating 1 GiB takes minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:?usage: benchmarks/run-e2e.sh SIZE_MB [JAVA_OPTS...]}
shift
for tool in python3 unzip rg bc /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-e2e: $tool is needed" >&2; exit 2; }
done
./bundle-analyzer --version >/dev/null # builds the jar when the sources are newer, outside the timings

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle=${BUNDLE:-$work/perf-${size}mb.zip}
if [ ! -f "$bundle" ]; then
  echo "== generating a ${size} MB bundle"
  python3 ../shared/tools/gen_perf_bundle.py "$bundle" "$size"
fi
ls -l "$bundle" | awk '{printf "   %s: %.1f MB compressed\n", $NF, $5/1048576}'

seconds() { # prints the wall seconds of a command, its output discarded
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

echo "== (a) zlib inflate, one thread"
a=$(seconds python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for i in z.infolist():
    with z.open(i) as f:
        while f.read(1 << 20): pass' "$bundle")
echo "== (b) unzip -p | rg"
b=$(seconds bash -c "unzip -p '$bundle' | rg -c -e '34513' -e '100050' -e '0x1FC07'")
analyze() { # analyze NAME [OPTIONS...]: runs the analyzer under GNU time; sets secs, rss, found
  local name=$1
  shift
  BUNDLE_ANALYZER_JAVA_OPTS=${java_opts:-${BUNDLE_ANALYZER_JAVA_OPTS:-}} /usr/bin/time -v -o "$work/time-$name.txt" \
      ./bundle-analyzer analyze "$bundle" --out "$work/report-$name" "$@" >"$work/out-$name.txt" \
      2>"$work/err-$name.txt" || true
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' \
      "$work/time-$name.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time-$name.txt")
  grep -q '"rule" : "MARS-34513"' "$work/report-$name/findings.json" 2>/dev/null && found=yes || found=no
}
java_opts="$*"
echo "== (c) analyze"
analyze full
c=$secs c_rss=$rss c_found=$found
echo "== (d) analyze --no-index"
analyze rules --no-index
d=$secs d_rss=$rss d_found=$found
first=$(sed -n 's/^found .*(\([0-9.]*\) s)$/\1/p' "$work/err-rules.txt" | head -1)

printf '\n%-30s %8s %8s %10s %8s\n' "step (${size} MB)" seconds "x (a)" "RSS MB" "34513"
printf '%-30s %8.2f %8.2f\n' "(a) zlib inflate, 1 thread" "$a" 1
printf '%-30s %8.2f %8.2f\n' "(b) unzip -p | rg" "$b" "$(echo "$b / $a" | bc -l)"
printf '%-30s %8.2f %8.2f %10s %8s\n' "(c) analyze" "$c" "$(echo "$c / $a" | bc -l)" "$c_rss" "$c_found"
printf '%-30s %8.2f %8.2f %10s %8s\n' "(d) analyze --no-index" "$d" "$(echo "$d / $a" | bc -l)" "$d_rss" "$d_found"
echo "first finding on stderr after ${first:-?} s (d); $(nproc) cores; java options: ${java_opts:-launcher default}"
