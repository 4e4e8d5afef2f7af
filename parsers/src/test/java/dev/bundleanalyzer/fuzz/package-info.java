/**
 * Coverage-guided fuzz tests (Jazzer {@code @FuzzTest}) of everything that reads bundle content: the bundle
 * reader, charset and content detection, and each parser. Real bundles are hostile or damaged; whatever the
 * bytes, a parser may only produce valid records, add notes, or throw what its contract allows.
 *
 * <p>Each target replays, as ordinary tests in {@code mvn verify}, the files under
 * {@code src/test/resources/dev/bundleanalyzer/fuzz/<Target>Inputs/<method>/}: the seed samples in {@code seeds/}
 * and every input a fuzzing run found to crash ({@code crash-*}, {@code timeout-*}), which stay there once fixed.
 *
 * <p>To fuzz, run {@code parsers/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]}: it sets {@code JAZZER_FUZZ}, fuzzes
 * the targets one by one, keeps the grown corpus in {@code parsers/target-fuzz/corpus/} and names the file of the
 * first crash. A target's {@code @Timeout} is a per-input limit: while fuzzing, Jazzer gives it to libFuzzer, and
 * the script turns off JUnit's own timeout, which would otherwise end the whole fuzzing session.
 */
package dev.bundleanalyzer.fuzz;
