package dev.bundleanalyzer.index;

import java.util.List;

/**
 * The words of a block's messages as the block index keeps them: runs of ASCII letters and digits, and every other
 * letter or digit on its own, all lower-cased. Far cheaper than the Unicode word breaks of {@link
 * IndexAnalyzers#message()}, and never stricter: the pieces of a message term (its words) are words of
 * every message that holds the term, because those word breaks never split a run of ASCII letters and digits. A
 * block is then a candidate for a term when it has all of the term's pieces, and the term itself decides on each
 * of the block's events.
 *
 * <p>One limit: the message analyzer cuts a token after 255 chars, and so are runs cut here, from the start of the
 * run; a token that starts before its run (after a non-ASCII letter) is cut elsewhere, and a search for the tail of
 * such a token can miss. Redaction replaces every run that long (a base64 blob) before it is indexed.
 */
final class MessageWords {

    /** A longer run is cut into words of this length, as the message analyzer cuts its tokens. */
    private static final int MAX_WORD = 255;

    private MessageWords() {
    }

    /** Lower-case of each ASCII letter or digit; 0 for every other ASCII char (a break between words). */
    private static final char[] ASCII_WORD_CHAR = new char[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII_WORD_CHAR[c] = c;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_WORD_CHAR[c] = c;
            ASCII_WORD_CHAR[c - 32] = c;
        }
    }

    /**
     * Hands the {@link BlockFilter#word hash} of every word of the texts (nulls skipped) to the sink, without
     * copying the words: what a block's filter is built from, for millions of lines, and what a query term asks of it.
     */
    static void hashes(List<String> texts, java.util.function.LongConsumer sink) {
        for (String s : texts) {
            if (s == null) {
                continue;
            }
            long h = BlockFilter.FNV_OFFSET;
            int len = 0;
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c < 128) {
                    char w = ASCII_WORD_CHAR[c];
                    if (w != 0) {
                        h = (h ^ w) * BlockFilter.FNV_PRIME;
                        if (++len == MAX_WORD) {
                            sink.accept(BlockFilter.mix(h));
                            h = BlockFilter.FNV_OFFSET;
                            len = 0;
                        }
                    } else if (len > 0) {
                        sink.accept(BlockFilter.mix(h));
                        h = BlockFilter.FNV_OFFSET;
                        len = 0;
                    }
                    continue;
                }
                int cp = s.codePointAt(i);
                int lower = Character.toLowerCase(cp);
                i += Character.charCount(cp) - 1;
                if (lower < 128 && Character.isLetterOrDigit(lower)) {
                    h = (h ^ lower) * BlockFilter.FNV_PRIME; // the Kelvin sign, dotted capital I: part of the run
                    if (++len == MAX_WORD) {
                        sink.accept(BlockFilter.mix(h));
                        h = BlockFilter.FNV_OFFSET;
                        len = 0;
                    }
                    continue;
                }
                if (len > 0) {
                    sink.accept(BlockFilter.mix(h));
                    h = BlockFilter.FNV_OFFSET;
                    len = 0;
                }
                if (lower >= 128 && Character.isLetterOrDigit(lower)) {
                    long one = BlockFilter.FNV_OFFSET;
                    if (Character.isBmpCodePoint(lower)) {
                        one = (one ^ lower) * BlockFilter.FNV_PRIME;
                    } else {
                        one = (one ^ Character.highSurrogate(lower)) * BlockFilter.FNV_PRIME;
                        one = (one ^ Character.lowSurrogate(lower)) * BlockFilter.FNV_PRIME;
                    }
                    sink.accept(BlockFilter.mix(one));
                }
            }
            if (len > 0) {
                sink.accept(BlockFilter.mix(h));
            }
        }
    }
}
