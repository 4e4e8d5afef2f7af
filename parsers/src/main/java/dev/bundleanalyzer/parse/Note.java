package dev.bundleanalyzer.parse;

/**
 * A remark about how an entry was read (for example a year that had to be assumed).
 *
 * @param file    entry path inside the bundle
 * @param message what was assumed or not understood, in English
 * @param aboutTime true when it says how times were completed (a year, a zone)
 */
public record Note(String file, String message, boolean aboutTime) {
}
