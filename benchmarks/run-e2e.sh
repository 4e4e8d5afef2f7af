#!/usr/bin/env bash
# End-to-end timing of the analyzer against what the machine can do with the same bundle, in one run.
#
# usage: benchmarks/run-e2e.sh SIZE_MB [JAVA_OPTS...]
#
# Generates a bundle of SIZE_MB uncompressed trace logs (../shared/tools/gen_perf_bundle.py) and times:
#   (a) inflating it with zlib, one thread (python3 zipfile): the baseline
#   (b) unzip -p | rg for the error IDs: what an engineer would do by hand
#   (c) ./bundle-analyzer analyze, in full
# and prints each time, the ratios b/a and c/a, and the peak memory (RSS) of (c). Extra arguments are passed to
# java (e.g. -Xmx512m). Needs python3, unzip, GNU time and ripgrep (apt-get install ripgrep).
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:?usage: benchmarks/run-e2e.sh SIZE_MB [JAVA_OPTS...]}
shift
for tool in python3 unzip rg /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "run-e2e: $tool is needed" >&2; exit 2; }
done
jar=analyzer/target/bundle-analyzer.jar
[ -f "$jar" ] || mvn -B -q -pl analyzer -am package -DskipTests

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle="$work/perf-${size}mb.zip"
echo "== generating a ${size} MB bundle"
python3 ../shared/tools/gen_perf_bundle.py "$bundle" "$size"
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
echo "== (c) analyze"
/usr/bin/time -v -o "$work/time.txt" java "$@" -jar "$jar" analyze "$bundle" --out "$work/report" >/dev/null 2>&1 || true
c=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.txt")
grep -q '"rule" : "MARS-34513"' "$work/report/findings.json" && found=yes || found=no

printf '\n%-28s %8s %8s\n' "step (${size} MB)" seconds "x (a)"
printf '%-28s %8.2f %8.2f\n' "(a) zlib inflate, 1 thread" "$a" 1
printf '%-28s %8.2f %8.2f\n' "(b) unzip -p | rg" "$b" "$(echo "$b / $a" | bc -l)"
printf '%-28s %8.2f %8.2f\n' "(c) analyze" "$c" "$(echo "$c / $a" | bc -l)"
echo "(c) peak RSS: ${rss} MB; MARS-34513 found: ${found}; $(nproc) cores"
