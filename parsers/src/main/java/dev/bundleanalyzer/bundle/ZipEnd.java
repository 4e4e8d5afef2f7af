package dev.bundleanalyzer.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The entry count a zip file declares in its end-of-central-directory record, read before the central
 * directory itself: opening a zip with random access builds every entry in memory at once, so a zip that
 * declares more entries than the reader will look at is read as a stream instead, where memory does not grow
 * with the count.
 */
final class ZipEnd {

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;

    private ZipEnd() {
    }

    /** The declared number of entries, or -1 when the record is missing or unreadable. */
    static long declaredEntries(Path zip) {
        try (SeekableByteChannel channel = Files.newByteChannel(zip)) {
            return declaredEntries(channel);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long declaredEntries(SeekableByteChannel channel) throws IOException {
        long size = channel.size();
        if (size < EOCD_SIZE) {
            return -1;
        }
        int tail = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
        ByteBuffer buffer = read(channel, size - tail, tail);
        for (int at = tail - EOCD_SIZE; at >= 0; at--) {
            if (buffer.getInt(at) != EOCD) {
                continue;
            }
            long entries = buffer.getShort(at + 10) & 0xFFFFL;
            if (entries != 0xFFFF) {
                return entries;
            }
            long eocdAt = size - tail + at;
            return zip64Entries(channel, eocdAt);
        }
        return -1;
    }

    private static long zip64Entries(SeekableByteChannel channel, long eocdAt) throws IOException {
        if (eocdAt < 20) {
            return -1;
        }
        ByteBuffer locator = read(channel, eocdAt - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR) {
            return -1;
        }
        long recordAt = locator.getLong(8);
        if (recordAt < 0 || recordAt + 56 > channel.size()) {
            return -1;
        }
        ByteBuffer record = read(channel, recordAt, 56);
        if (record.getInt(0) != ZIP64_EOCD) {
            return -1;
        }
        long entries = record.getLong(32);
        return entries < 0 ? Long.MAX_VALUE : entries;
    }

    private static ByteBuffer read(SeekableByteChannel channel, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(at);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        buffer.flip();
        return buffer.limit() == length ? buffer : ByteBuffer.allocate(0);
    }
}
