package dev.bundleanalyzer.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.compress.LZ4;

/**
 * Compresses the stored events of a block with LZ4 while that pays. Compressing every block cost a fifth of a full
 * analysis, while trace lines full of random GUIDs, pointers and counters shrink to a little over half and
 * repetitive logs to a fraction. So a block that compression does not halve is stored as it is, and so are the next
 * {@link #PAUSE} blocks before the next try: the analysis is what an engineer waits for, the disk is cheap. Not
 * thread-safe: one per writing thread.
 */
final class BlockPacker {

    private static final byte PLAIN = 0;
    private static final byte LZ4_BLOCK = 1;
    /** Blocks stored as they are after one that did not shrink enough, before trying again. */
    static final int PAUSE = 15;
    private static final double WORTH = 0.5;

    private final LZ4.FastCompressionHashTable table = new LZ4.FastCompressionHashTable();
    private int pause;

    /** The value to store for a block's encoded events. */
    BytesRef pack(BytesRef events) {
        if (pause > 0) {
            pause--;
            return plain(events);
        }
        byte[] out = new byte[1 + 5 + events.length + events.length / 255 + 32];
        ByteArrayDataOutput data = new ByteArrayDataOutput(out);
        try {
            data.writeByte(LZ4_BLOCK);
            data.writeVInt(events.length);
            LZ4.compress(events.bytes, events.offset, events.length, data, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to an array: cannot happen
        }
        if (data.getPosition() > WORTH * events.length) {
            pause = PAUSE;
            return plain(events);
        }
        return new BytesRef(out, 0, data.getPosition());
    }

    /** The encoded events of a stored value. */
    static BytesRef unpack(BytesRef stored) {
        if (stored.length == 0) {
            throw new IllegalStateException("an empty block");
        }
        byte kind = stored.bytes[stored.offset];
        if (kind == PLAIN) {
            return new BytesRef(stored.bytes, stored.offset + 1, stored.length - 1);
        }
        if (kind != LZ4_BLOCK) {
            throw new IllegalStateException("a block stored in an unknown way (" + kind + ")");
        }
        ByteArrayDataInput in = new ByteArrayDataInput(stored.bytes, stored.offset + 1, stored.length - 1);
        try {
            int length = in.readVInt();
            if (length < 0 || length > (stored.length - 1L) * 256 + 64) {
                throw new IllegalStateException("a compressed block of an impossible length");
            }
            byte[] events = new byte[length + 8];
            LZ4.decompress(in, length, events, 0);
            return new BytesRef(events, 0, length);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a compressed block cannot be read: " + e.getMessage(), e);
        }
    }

    private static BytesRef plain(BytesRef events) {
        byte[] out = new byte[events.length + 1];
        out[0] = PLAIN;
        System.arraycopy(events.bytes, events.offset, out, 1, events.length);
        return new BytesRef(out);
    }
}
