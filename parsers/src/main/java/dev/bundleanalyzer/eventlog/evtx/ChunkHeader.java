package dev.bundleanalyzer.eventlog.evtx;

import java.util.zip.CRC32;

/**
 * The 512-byte header of a 64 KiB chunk: magic {@code ElfChnk\0}, record number and id ranges, the offsets of
 * the last record and of the free space, the CRC32 of the records (512 up to the free space) and of the header
 * itself (bytes 0-120 and 128-512), then the string hash table and template pointers (not needed for reading).
 */
record ChunkHeader(long firstRecordNumber, long lastRecordNumber, long firstRecordId, long lastRecordId,
        int lastRecordOffset, int freeSpaceOffset, boolean headerChecksumOk, boolean dataChecksumOk) {

    static final int SIZE = 512;
    static final int CHUNK_SIZE = 65536;
    static final byte[] MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};

    /** Reads the header of the chunk in {@code b[0, length)}; checks both CRCs with {@code crc}. */
    static ChunkHeader parse(byte[] b, int length, CRC32 crc) {
        int free = Bytes.i32(b, 48);
        crc.reset();
        crc.update(b, 0, 120);
        crc.update(b, 128, SIZE - 128);
        boolean headerOk = (int) crc.getValue() == Bytes.i32(b, 124);
        boolean dataOk = false;
        if (free >= SIZE && free <= length) {
            crc.reset();
            crc.update(b, SIZE, free - SIZE);
            dataOk = (int) crc.getValue() == Bytes.i32(b, 52);
        }
        return new ChunkHeader(Bytes.i64(b, 8), Bytes.i64(b, 16), Bytes.i64(b, 24), Bytes.i64(b, 32),
                Bytes.i32(b, 44), free, headerOk, dataOk);
    }
}
