package dev.bundleanalyzer.bundle;

import org.apache.commons.compress.archivers.tar.TarUtils;

/** Archive formats the reader opens, recognised by their first bytes rather than by file name. */
enum ArchiveFormat {
    ZIP("zip"),
    GZIP("gzip"),
    /** A tar inside gzip; only known once the gzip member has been opened. */
    TAR_GZ("tar.gz"),
    SEVEN_Z("7z"),
    TAR("tar");

    /** How many leading bytes {@link #sniff} wants to see (a tar header block). */
    static final int SNIFF_BYTES = 512;

    private static final byte[] SEVEN_Z_SIGNATURE = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};

    private final String kind;

    ArchiveFormat(String kind) {
        this.kind = kind;
    }

    /** Kind shown in the inventory line of an archive of this format. */
    String kind() {
        return kind;
    }

    /** The format whose signature {@code head[0..length)} starts with, or {@code null} for anything else. */
    static ArchiveFormat sniff(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return ZIP;
        }
        // 1F 8B, then compression method 8 (deflate), the only one gzip defines
        if (length >= 3 && head[0] == 0x1F && head[1] == (byte) 0x8B && head[2] == 8) {
            return GZIP;
        }
        if (length >= SEVEN_Z_SIGNATURE.length && startsWith(head, SEVEN_Z_SIGNATURE)) {
            return SEVEN_Z;
        }
        if (length >= SNIFF_BYTES && isTarHeader(head)) {
            return TAR;
        }
        return null;
    }

    /** A POSIX/GNU header ("ustar" at offset 257) or an old-style header whose checksum verifies. */
    private static boolean isTarHeader(byte[] head) {
        if (head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a' && head[261] == 'r') {
            return true;
        }
        if (head[0] == 0) {
            return false; // no name: an end-of-archive block or just zeros
        }
        byte[] block = head.length == SNIFF_BYTES ? head : java.util.Arrays.copyOf(head, SNIFF_BYTES);
        try {
            return TarUtils.verifyCheckSum(block);
        } catch (RuntimeException notATarHeader) {
            return false;
        }
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
