#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers with Jazzer.
#
# usage: parsers/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
#   SECONDS_PER_TARGET  how long each target is fuzzed (default 30)
#   TARGET              a fuzz test class of parsers/src/test/java/dev/bundleanalyzer/fuzz, e.g. ErrlogFuzzTest
#                       (default: every *FuzzTest there, one after another)
#
# Jazzer fuzzes one @FuzzTest per JVM, so each target gets its own Maven run. The first crash (an exception the
# parser's contract does not allow, a broken record invariant, or an input slower than the target's @Timeout)
# stops the script with exit code 1 and names the file Jazzer saved the input to:
#   parsers/src/test/resources/dev/bundleanalyzer/fuzz/<Target>Inputs/<method>/crash-<sha1> (or timeout-<sha1>)
# Plain `mvn verify` replays every file of that folder, so keep the file once the bug is fixed: it guards the fix.
# The input is also printed in base64, for when it was found on a machine whose files are gone (CI).
#
# Everything is built into parsers/target-fuzz (-DbuildDir), apart from other builds of the same tree; the corpus
# each target grows is kept in parsers/target-fuzz/corpus/<Target> and picked up again by the next run, and each
# run's output is in parsers/target-fuzz/fuzz-logs/<Target>.log.
#
# FUZZ_OPTS adds Maven arguments to each run, for Jazzer options: -Djazzer.keep_going=N goes on past the first N-1
# distinct findings (each is printed; the last ends the run), -Djazzer.ignore=<DEDUP_TOKEN>,... skips findings
# already known (the log prints each finding's token).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
[ $# -gt 0 ] && shift
case "$seconds" in
  ''|*[!0-9]*) echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2 ;;
esac

build_dir=target-fuzz
sources=parsers/src/test/java/dev/bundleanalyzer/fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$sources"/*FuzzTest.java; do
    targets+=("$(basename "$f" .java)")
  done
fi
for t in "${targets[@]}"; do
  [ -f "$sources/$t.java" ] || { echo "fuzz: no fuzz target $t in $sources" >&2; exit 2; }
done

echo "== fuzz: building parsers into parsers/$build_dir"
mvn -B -q -DbuildDir="$build_dir" -pl parsers test-compile

logs="parsers/$build_dir/fuzz-logs"
mkdir -p "$logs"
for t in "${targets[@]}"; do
  corpus="$PWD/parsers/$build_dir/corpus/$t"
  log="$logs/$t.log"
  mkdir -p "$corpus"
  echo "== fuzz: $t for ${seconds}s"
  # jazzer.internal.arg.N are the libFuzzer arguments, as Jazzer's own launcher passes them; the first directory
  # is where libFuzzer adds the inputs it finds (else Jazzer keeps them in parsers/.cifuzz-corpus).
  # While fuzzing, the whole session is one test invocation: JUnit must not apply the target's @Timeout to it,
  # Jazzer applies it to each input instead (libFuzzer's -timeout).
  # jazzer.instrument adds the libraries that read archives and CSV to the coverage Jazzer sees: they decide most
  # of what a hostile file can reach, so their branches lead the fuzzer to the cases our code must handle.
  # -Xmx1g: no input of a few KiB has a reason to need more, so running out is a finding, not a slow machine.
  set +e
  JAZZER_FUZZ=1 mvn -B -DbuildDir="$build_dir" -pl parsers surefire:test -Dtest="$t" \
      -Djazzer.max_duration="${seconds}s" \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="$corpus" \
      -Djunit.jupiter.execution.timeout.mode=disabled \
      -Djazzer.instrument='dev.bundleanalyzer.**,org.apache.commons.compress.**,org.tukaani.xz.**,com.univocity.**' \
      -DargLine=-Xmx1g ${FUZZ_OPTS:-} >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  # with jazzer.keep_going a run can pass and still have findings: every saved input counts
  saved=$(grep -aoE 'Test unit written to \S+' "$log" | awk '{print $5}' || true)
  if [ "$rc" -eq 0 ] && [ -n "$runs" ] && [ -z "$saved" ]; then
    n=$(echo "$runs" | awk '{print $2}')
    s=$(echo "$runs" | awk '{print $5}')
    echo "   $n runs in ${s}s ($(( n / (s > 0 ? s : 1) )) exec/s), corpus $(find "$corpus" -type f | wc -l) inputs"
    continue
  fi
  echo "fuzz: $t FAILED (exit code $rc); its output is in $log" >&2
  grep -aE '^== Java Exception|^\s+at |^Caused by|DEDUP_TOKEN|^==[0-9]+== ERROR|^SUMMARY' "$log" | grep -avE 'at (java\.base|org\.junit|com\.code_intelligence)' \
    | head -40 >&2 || true
  for f in $saved; do
    [ -f "$f" ] || continue
    echo "fuzz: crashing input saved to $f" >&2
    if [ "$(wc -c <"$f")" -le 65536 ]; then
      echo "fuzz: $(basename "$f") in base64:" >&2
      base64 "$f" >&2
    fi
  done
  if [ -z "$saved" ] && [ -z "$runs" ]; then
    echo "fuzz: $t did not fuzz (build or setup problem, see the log)" >&2
  fi
  exit 1
done
echo "== fuzz: no crash in ${#targets[@]} target(s)"
