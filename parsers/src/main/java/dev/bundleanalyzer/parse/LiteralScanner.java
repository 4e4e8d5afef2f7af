package dev.bundleanalyzer.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * Finds which of a fixed set of ASCII literals occur in a text, ignoring case, in one pass over the text
 * (Aho-Corasick over a dense table): rules and redaction ask the same few dozen words of millions of trace
 * lines, and one scan per line is what keeps that cheap. Immutable and thread-safe.
 */
public final class LiteralScanner {

    private final int literals;
    private final int words;
    /** Character class of each ASCII char after lower-casing; 0 for chars no literal has. */
    private final byte[] classOf = new byte[128];
    private final int classes;
    /** Literals that end in each state (its own and those of its suffix states): {@code words} longs a state. */
    private final long[] output;
    /** See the constructor: the wide table, or {@code null} when the compact one serves. */
    private final int[] step;
    /** See the constructor: the compact table, or {@code null}. */
    private final short[] compactStep;
    /**
     * When every literal has two chars or more: a bit for each pair of chars (lower-cased, 7 bits each) that starts
     * one, and those literals by pair; {@code null} otherwise.
     */
    private final long[] pairs;
    private final char[][][] startingWith;
    private final int[][] idsStartingWith;
    /** The lower case of each ASCII char that some literal has; 0 for the others. */
    private final char[] literalChar = new char[128];
    /** The same, as bytes: for ASCII text read as bytes. */
    private final byte[] literalByte = new byte[128];

    /** A scanner that sets bit {@code i} for literal {@code i}. */
    public LiteralScanner(List<String> literals) {
        this(literals, java.util.stream.IntStream.range(0, literals.size()).toArray(),
                Math.max(1, (literals.size() + 63) >>> 6));
    }

    /**
     * @param literals lower-case ASCII literals
     * @param ids      the bit each literal sets
     * @param words    longs of the bitsets {@link #scan} fills (room for every id)
     * @throws IllegalArgumentException for an empty or non-ASCII literal
     */
    public LiteralScanner(List<String> literals, int[] ids, int words) {
        this.literals = literals.size();
        this.words = words;
        int classCount = 1;
        for (String literal : literals) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (c >= 128 || Character.isUpperCase(c)) {
                    throw new IllegalArgumentException("not a lower-case ASCII literal: " + literal);
                }
                if (classOf[c] == 0) {
                    classOf[c] = (byte) classCount++;
                }
            }
        }
        // the same class for upper case, so the text needs no lower-casing
        for (char c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[Character.toLowerCase(c)];
        }
        this.classes = classCount;
        for (char c = 0; c < 128; c++) {
            literalChar[c] = classOf[c] == 0 ? 0 : Character.toLowerCase(c);
            literalByte[c] = (byte) literalChar[c];
        }
        boolean allPairs = !literals.isEmpty() && literals.stream().allMatch(l -> l.length() >= 2);
        if (allPairs) {
            pairs = new long[(128 * 128) >>> 6];
            List<List<Integer>> byPair = new ArrayList<>(java.util.Collections.nCopies(128 * 128, null));
            for (int i = 0; i < literals.size(); i++) {
                String l = literals.get(i);
                int key = (l.charAt(0) << 7) | l.charAt(1);
                pairs[key >>> 6] |= 1L << key;
                if (byPair.get(key) == null) {
                    byPair.set(key, new ArrayList<>());
                }
                byPair.get(key).add(i);
            }
            startingWith = new char[128 * 128][][];
            idsStartingWith = new int[128 * 128][];
            for (int key = 0; key < byPair.size(); key++) {
                List<Integer> of = byPair.get(key);
                if (of != null) {
                    startingWith[key] = of.stream().map(i -> literals.get(i).toCharArray()).toArray(char[][]::new);
                    idsStartingWith[key] = of.stream().mapToInt(i -> ids[i]).toArray();
                }
            }
        } else {
            pairs = null;
            startingWith = null;
            idsStartingWith = null;
        }

        List<int[]> trie = new ArrayList<>();
        List<long[]> out = new ArrayList<>();
        trie.add(new int[classes]);
        out.add(new long[words]);
        for (int id = 0; id < literals.size(); id++) {
            int state = 0;
            for (char c : literals.get(id).toCharArray()) {
                int k = classOf[c];
                if (trie.get(state)[k] == 0) {
                    trie.get(state)[k] = trie.size();
                    trie.add(new int[classes]);
                    out.add(new long[words]);
                }
                state = trie.get(state)[k];
            }
            out.get(state)[ids[id] >>> 6] |= 1L << ids[id];
        }
        int states = trie.size();
        int[] fail = new int[states];
        // next[state * classes + class]: the state after reading a char of that class
        int[] next = new int[states * classes];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < classes; k++) {
            int child = trie.get(0)[k];
            next[k] = child;
            if (child != 0) {
                queue.add(child);
            }
        }
        // class 0 (a char of no literal) always leads back to the root
        while (!queue.isEmpty()) {
            int state = queue.remove();
            long[] own = out.get(state);
            long[] inherited = out.get(fail[state]);
            for (int w = 0; w < own.length; w++) {
                own[w] |= inherited[w];
            }
            for (int k = 1; k < classes; k++) {
                int child = trie.get(state)[k];
                if (child != 0) {
                    fail[child] = next[fail[state] * classes + k];
                    next[state * classes + k] = child;
                    queue.add(child);
                } else {
                    next[state * classes + k] = next[fail[state] * classes + k];
                }
            }
        }
        output = new long[states * words];
        for (int state = 0; state < states; state++) {
            System.arraycopy(out.get(state), 0, output, state * words, words);
        }
        // one load per char, on the state: the next state by char class, as its offset in this table (the class
        // added), negative when a literal ends there (the root, offset 0, ends none). Rows of classes, in shorts,
        // keep the table of a hundred literals within the processor's first cache, where rows of 128 ASCII chars
        // in ints spilled out of it on text full of digits and hex; a larger automaton takes the wide table.
        if ((long) states * classes <= Short.MAX_VALUE) {
            compactStep = new short[states * classes];
            for (int state = 0; state < states; state++) {
                for (int k = 0; k < classes; k++) {
                    int to = next[state * classes + k];
                    compactStep[state * classes + k] = (short) (emits(to) ? -to * classes : to * classes);
                }
            }
            step = null;
        } else {
            step = new int[states * 128];
            for (int state = 0; state < states; state++) {
                for (int c = 0; c < 128; c++) {
                    int to = next[state * classes + classOf[c]];
                    step[state * 128 + c] = emits(to) ? -to * 128 : to * 128;
                }
            }
            compactStep = null;
        }
    }

    private boolean emits(int state) {
        for (int w = 0; w < words; w++) {
            if (output[state * words + w] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets in {@code found} (of {@code words} longs, cleared here) the bit of every literal that occurs in
     * the text. A char outside ASCII is read as its lower case when that is ASCII (as the index's lower-casing
     * does: the Kelvin sign is a {@code k}), otherwise as a char of no literal.
     */
    public void scan(CharSequence text, long[] found) {
        Arrays.fill(found, 0L);
        if (text == null || literals == 0) {
            return;
        }
        if (pairs != null) {
            scanPairs(text, found);
            return;
        }
        if (compactStep != null) {
            scanCompact(text, found);
            return;
        }
        int at = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = ascii(text.charAt(i));
            at = step[at + c];
            if (at < 0) {
                at = -at;
                for (int w = 0, from = (at >>> 7) * words; w < words; w++) {
                    found[w] |= output[from + w];
                }
            }
        }
    }

    /**
     * Looks up each pair of chars in a table and compares the literals that start with it: no char waits for the
     * one before as it does in the automaton, and most pairs of a log line start nothing.
     */
    private void scanPairs(CharSequence text, long[] found) {
        int n = text.length();
        if (n < 2) {
            return;
        }
        long[] table = pairs;
        int previous = lowerLiteralChar(text.charAt(0));
        for (int i = 1; i < n; i++) {
            int current = lowerLiteralChar(text.charAt(i));
            int key = (previous << 7) | current;
            if ((table[key >>> 6] & (1L << key)) != 0) {
                compare(text, i - 1, key, found);
            }
            previous = current;
        }
    }

    private void compare(CharSequence text, int start, int key, long[] found) {
        char[][] candidates = startingWith[key];
        int[] ids = idsStartingWith[key];
        int n = text.length();
        for (int k = 0; k < candidates.length; k++) {
            char[] literal = candidates[k];
            if (start + literal.length > n) {
                continue;
            }
            int j = 2;
            while (j < literal.length && lowerLiteralChar(text.charAt(start + j)) == literal[j]) {
                j++;
            }
            if (j == literal.length) {
                found[ids[k] >>> 6] |= 1L << ids[k];
            }
        }
    }

    /**
     * {@link #scan(CharSequence, long[])} of the ASCII bytes {@code text[from, to)} (a line not decoded), read as
     * they are when every literal has two chars or more.
     */
    public void scan(byte[] text, int from, int to, long[] found) {
        if (pairs == null || to - from < 2) {
            scan(new AsciiBytes().of(text, from, to), found);
            return;
        }
        Arrays.fill(found, 0L);
        long[] table = pairs;
        byte[] fold = literalByte;
        int previous = fold[text[from] & 0x7F];
        for (int i = from + 1; i < to; i++) {
            int current = fold[text[i] & 0x7F];
            int key = (previous << 7) | current;
            if ((table[key >>> 6] & (1L << key)) != 0) {
                compare(text, i - 1, to, key, found);
            }
            previous = current;
        }
    }

    private void compare(byte[] text, int start, int to, int key, long[] found) {
        char[][] candidates = startingWith[key];
        int[] ids = idsStartingWith[key];
        for (int k = 0; k < candidates.length; k++) {
            char[] literal = candidates[k];
            if (start + literal.length > to) {
                continue;
            }
            int j = 2;
            while (j < literal.length && literalByte[text[start + j] & 0x7F] == literal[j]) {
                j++;
            }
            if (j == literal.length) {
                found[ids[k] >>> 6] |= 1L << ids[k];
            }
        }
    }

    /** An ASCII char as it is, another as its lower case when that is ASCII (the Kelvin sign is a k), else 0. */
    private static char ascii(char c) {
        if (c < 128) {
            return c;
        }
        char lower = Character.toLowerCase(c);
        return lower < 128 ? lower : 0;
    }

    /** The lower case of a char as the literals have it (the Kelvin sign is a k), or 0 for a char of none. */
    private int lowerLiteralChar(char c) {
        return literalChar[ascii(c)];
    }

    private void scanCompact(CharSequence text, long[] found) {
        short[] table = compactStep;
        byte[] classOfChar = classOf;
        int at = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = ascii(text.charAt(i));
            at = table[at + classOfChar[c]];
            if (at < 0) {
                at = -at;
                for (int w = 0, from = (at / classes) * words; w < words; w++) {
                    found[w] |= output[from + w];
                }
            }
        }
    }
}
