package dev.bundleanalyzer.index;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words of a block's messages as the block index keeps them: runs of ASCII letters and digits, and every other
 * letter or digit on its own, all lower-cased. Far cheaper than the Unicode word breaks of {@link
 * IndexAnalyzers#message()}, and never stricter: the pieces of a message term (its {@link #of words}) are words of
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

    /** The pieces of one analysed message term, in order, without repeats. */
    static List<String> of(String term) {
        Set<String> pieces = new LinkedHashSet<>();
        Stream words = new Stream(List.of(term));
        int n;
        while ((n = words.next()) >= 0) {
            pieces.add(new String(words.word, 0, n));
        }
        return List.copyOf(pieces);
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
     * Hands the {@link BlockFilter#word hash} of every word of the texts (nulls skipped) to the sink, as {@link
     * #forEach} finds the words, without copying them: what a block's filter is built from, for millions of lines.
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

    /** Receives the words of a text, one at a time, in a buffer reused for the next. */
    @FunctionalInterface
    interface Sink {
        void word(char[] chars, int length);
    }

    /** Hands every word of the texts (nulls skipped) to the sink. */
    static void forEach(List<String> texts, Sink sink) {
        Stream words = new Stream(texts);
        int n;
        while ((n = words.next()) >= 0) {
            sink.word(words.word, n);
        }
    }

    /** Walks the words of a list of texts; reused buffer, no object per word. */
    private static final class Stream {
        private final List<String> texts;
        private int text = -1;
        private String current = "";
        private int pos;
        char[] word = new char[64];

        Stream(List<String> texts) {
            this.texts = texts;
        }

        /** Copies the next word into {@link #word} and returns its length, or -1 at the end. */
        int next() {
            while (true) {
                if (pos >= current.length()) {
                    do {
                        if (++text >= texts.size()) {
                            return -1;
                        }
                        current = texts.get(text);
                    } while (current == null);
                    pos = 0;
                    continue;
                }
                String s = current;
                int len = 0;
                while (pos < s.length()) {
                    char c = s.charAt(pos);
                    if (c < 128) {
                        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
                            word = append(word, len++, c <= 'Z' && c >= 'A' ? (char) (c + 32) : c);
                            pos++;
                            if (len == MAX_WORD) {
                                return len;
                            }
                            continue;
                        }
                        pos++;
                        if (len > 0) {
                            return len;
                        }
                        continue;
                    }
                    int cp = s.codePointAt(pos);
                    int lower = Character.toLowerCase(cp);
                    if (lower < 128) {
                        // a letter that lower-cases to ASCII (the Kelvin sign, dotted capital I) joins the run
                        if (Character.isLetterOrDigit(lower)) {
                            word = append(word, len++, (char) lower);
                            pos += Character.charCount(cp);
                            if (len == MAX_WORD) {
                                return len;
                            }
                            continue;
                        }
                        pos += Character.charCount(cp);
                        if (len > 0) {
                            return len;
                        }
                        continue;
                    }
                    if (len > 0) {
                        return len; // the run ends here; this char is looked at again as a word of its own
                    }
                    pos += Character.charCount(cp);
                    if (Character.isLetterOrDigit(lower)) {
                        return Character.toChars(lower, word, 0);
                    }
                }
                if (len > 0) {
                    return len;
                }
            }
        }


        private static char[] append(char[] word, int at, char c) {
            char[] w = at < word.length ? word : java.util.Arrays.copyOf(word, word.length * 2);
            w[at] = c;
            return w;
        }
    }
}
