package dev.bundleanalyzer.index;

import java.util.Arrays;
import java.util.Locale;
import org.apache.lucene.util.BytesRef;

/**
 * A Bloom filter of what a block holds: the words of its messages and the values of its keyword fields whose
 * values are nearly all different (threads, processes, sources, activity IDs). It answers "may this block hold
 * it?" with no false "no": a block it rules out cannot match, and a block it lets through is decided by its events.
 * Adding a word costs a hash and a few bits in a table that stays in the processor's cache, where the index's own
 * term dictionary would cost a lookup in a table of every word of the bundle.
 */
final class BlockFilter {

    /** Bits set per value; with {@link #BITS_PER_VALUE} bits a value, about 2 % of answers are wrong, fewer as values repeat. */
    static final int PROBES = 5;
    static final int BITS_PER_VALUE = 8;
    private static final int MIN_BITS = 1 << 10;
    private static final int MAX_BITS = 1 << 22;

    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;
    private static final long FIELD_SEPARATOR = 0x1F;

    private BlockFilter() {
    }

    /** The hash of a message word. */
    static long word(String word) {
        long h = FNV_OFFSET;
        for (int i = 0; i < word.length(); i++) {
            h = (h ^ word.charAt(i)) * FNV_PRIME;
        }
        return mix(h);
    }

    /**
     * The hash of a keyword value of a field as a query term has it: cut to {@link EventDocument#MAX_TERM_CHARS} and
     * lower-cased (ASCII on the way, anything else as {@link String#toLowerCase(Locale)} does).
     */
    static long keyword(String field, String value) {
        long h = FNV_OFFSET;
        for (int i = 0; i < field.length(); i++) {
            h = (h ^ field.charAt(i)) * FNV_PRIME;
        }
        h = (h ^ FIELD_SEPARATOR) * FNV_PRIME;
        int length = Math.min(value.length(), EventDocument.MAX_TERM_CHARS);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 128) {
                return keywordSlow(field, value);
            }
            h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * FNV_PRIME;
        }
        return mix(h);
    }

    private static long keywordSlow(String field, String value) {
        String term = EventDocument.term(value).toLowerCase(Locale.ROOT);
        long h = FNV_OFFSET;
        for (int i = 0; i < field.length(); i++) {
            h = (h ^ field.charAt(i)) * FNV_PRIME;
        }
        h = (h ^ FIELD_SEPARATOR) * FNV_PRIME;
        for (int i = 0; i < term.length(); i++) {
            h = (h ^ term.charAt(i)) * FNV_PRIME;
        }
        return mix(h);
    }

    /** Whether a filter may hold every one of the hashes. */
    static boolean mayHoldAll(BytesRef filter, long[] hashes) {
        long bits = (long) filter.length << 3;
        if (bits == 0 || Long.bitCount(bits) != 1) {
            return true; // not a filter this version writes: the events decide
        }
        long mask = bits - 1;
        for (long h : hashes) {
            long h1 = h;
            long h2 = (h >>> 32) | 1;
            for (int i = 0; i < PROBES; i++) {
                long bit = (h1 + i * h2) & mask;
                if ((filter.bytes[filter.offset + (int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Gathers the hashes of one block, then writes its filter; reused from block to block. */
    static final class Builder {
        private long[] hashes = new long[4096];
        private int size;

        void add(long hash) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size++] = hash;
        }

        /** The filter of what was added since the last call, sized to it. */
        BytesRef build() {
            // values repeat within a block; counting them all makes the filter larger than it needs, never weaker
            long wanted = Math.max(MIN_BITS, Math.min(MAX_BITS, (long) size * BITS_PER_VALUE));
            int bits = (int) Long.highestOneBit(wanted - 1) << 1;
            byte[] filter = new byte[bits >>> 3];
            long mask = bits - 1;
            for (int k = 0; k < size; k++) {
                long h1 = hashes[k];
                long h2 = (h1 >>> 32) | 1;
                for (int i = 0; i < PROBES; i++) {
                    long bit = (h1 + i * h2) & mask;
                    filter[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
            size = 0;
            return new BytesRef(filter);
        }
    }

    /** Spreads the bits of a hash (MurmurHash3's finalizer): FNV alone leaves the low bits weak. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
