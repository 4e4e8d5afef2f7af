package dev.bundleanalyzer.parse;

/**
 * A fact about the machine read from a command capture or registry export,
 * e.g. {@code powershell.version = 5.1.17763.1}.
 *
 * @param key   dotted lower-case key; the catalogue of keys is in docs and in each fact parser's javadoc
 * @param value the value as text; rules compare it as a number or version when it reads as one
 * @param file  entry path inside the bundle
 * @param line  1-based line the value was read from
 * @param text  that line as it appears in the source (evidence text)
 */
public record Fact(String key, String value, String file, long line, String text) {
}
