package dev.bundleanalyzer.eventlog.evtx;

import java.util.zip.CRC32;

/**
 * The 4096-byte file header: magic {@code ElfFile\0}, first and last chunk numbers, next record id, version,
 * chunk count, flags and the CRC32 of its first 120 bytes.
 *
 * @param chunkCount the header's chunk count; a file copied while open may hold more chunks than this says
 * @param flags      bit 0: dirty (not closed cleanly), bit 1: full
 * @param checksumOk whether the stored CRC32 matches the first 120 bytes
 */
record FileHeader(long firstChunk, long lastChunk, long nextRecordId, int majorVersion, int minorVersion,
        int chunkCount, int flags, boolean checksumOk) {

    static final int SIZE = 4096;
    static final byte[] MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    static final int FLAG_DIRTY = 1;
    static final int FLAG_FULL = 2;

    static FileHeader parse(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        boolean ok = (int) crc.getValue() == Bytes.i32(b, 124);
        return new FileHeader(Bytes.i64(b, 8), Bytes.i64(b, 16), Bytes.i64(b, 24), Bytes.u16(b, 38),
                Bytes.u16(b, 36), Bytes.u16(b, 42), Bytes.i32(b, 120), ok);
    }

    boolean dirty() {
        return (flags & FLAG_DIRTY) != 0;
    }
}
