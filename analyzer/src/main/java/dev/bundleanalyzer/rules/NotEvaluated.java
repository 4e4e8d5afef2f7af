package dev.bundleanalyzer.rules;

/**
 * A rule that could not run because the bundle lacks its inputs: never to be read as "passed".
 *
 * @param missing what is missing and what to ask the customer for
 */
public record NotEvaluated(String rule, Severity severity, LocalizedText title, LocalizedText missing) {
}
