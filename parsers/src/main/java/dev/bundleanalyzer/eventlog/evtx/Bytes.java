package dev.bundleanalyzer.eventlog.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads from a byte array; an index past the array throws {@link IndexOutOfBoundsException}. */
final class Bytes {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return ((short) I16.get(b, off)) & 0xFFFF;
    }

    static short i16(byte[] b, int off) {
        return (short) I16.get(b, off);
    }

    static int i32(byte[] b, int off) {
        return (int) I32.get(b, off);
    }

    static long u32(byte[] b, int off) {
        return ((int) I32.get(b, off)) & 0xFFFF_FFFFL;
    }

    static long i64(byte[] b, int off) {
        return (long) I64.get(b, off);
    }

    static boolean startsWith(byte[] b, int off, int length, byte[] magic) {
        if (length - off < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[off + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
