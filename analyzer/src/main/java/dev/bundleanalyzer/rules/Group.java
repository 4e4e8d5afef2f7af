package dev.bundleanalyzer.rules;

/** How many matches of a finding share one value of a field (per error code, per message template). */
public record Group(String value, long count) {
}
