package dev.bundleanalyzer.eventlog.evtx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueFormatterTest {

    private final ValueFormatter f = new ValueFormatter();

    private static byte[] le(int size, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        byte[] out = new byte[size];
        System.arraycopy(b.array(), 0, out, 0, size);
        return out;
    }

    private String fmt(byte[] b, int type) {
        return f.format(b, 0, b.length, type);
    }

    @Test
    void integers() {
        assertEquals("-1", fmt(le(1, -1), Values.INT8));
        assertEquals("255", fmt(le(1, -1), Values.UINT8));
        assertEquals("-2", fmt(le(2, -2), Values.INT16));
        assertEquals("65534", fmt(le(2, -2), Values.UINT16));
        assertEquals("-3", fmt(le(4, -3), Values.INT32));
        assertEquals("4294967293", fmt(le(4, -3), Values.UINT32));
        assertEquals("-4", fmt(le(8, -4), Values.INT64));
        assertEquals("18446744073709551612", fmt(le(8, -4), Values.UINT64));
        assertEquals("0x8007000e", fmt(le(4, 0x8007000EL), Values.HEX_INT32));
        assertEquals("0x8020000000000000", fmt(le(8, 0x8020000000000000L), Values.HEX_INT64));
        assertEquals("0x1f", fmt(le(8, 0x1F), Values.SIZE_T));
    }

    @Test
    void booleansAreTrueWhenNotZero() {
        assertEquals("false", fmt(le(4, 0), Values.BOOL));
        assertEquals("true", fmt(le(4, 1), Values.BOOL));
        assertEquals("true", fmt(le(4, 0x100), Values.BOOL));
        assertEquals("true", fmt(le(4, -1), Values.BOOL));
        assertEquals("true", fmt(le(1, 2), Values.BOOL));
    }

    @Test
    void timesGuidsSidsAndStrings() {
        // 2017-07-12T17:16:28.2141616Z
        long ft = (Instant.parse("2017-07-12T17:16:28Z").getEpochSecond() + 11_644_473_600L) * 10_000_000L + 2_141_616;
        assertEquals("2017-07-12T17:16:28.2141616Z", fmt(le(8, ft), Values.FILETIME));
        assertEquals("1601-01-01T00:00:00.0000000Z", fmt(le(8, 0), Values.FILETIME));
        byte[] st = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 2020).putShort((short) 2)
                .putShort((short) 6).putShort((short) 29).putShort((short) 23).putShort((short) 59)
                .putShort((short) 58).putShort((short) 7).array();
        assertEquals("2020-02-29T23:59:58.007Z", fmt(st, Values.SYSTEMTIME));
        byte[] guid = {0x25, (byte) 0x96, (byte) 0x84, 0x54, 0x78, 0x54, (byte) 0x94, 0x49, (byte) 0xA5, (byte) 0xBA,
            0x3E, 0x3B, 0x03, 0x28, (byte) 0xC3, 0x0D};
        assertEquals("{54849625-5478-4994-A5BA-3E3B0328C30D}", fmt(guid, Values.GUID));
        byte[] sid = {1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 2, 0, 0};
        assertEquals("S-1-5-32-544", fmt(sid, Values.SID));
        assertEquals("ab&c", fmt("ab&c\0".getBytes(StandardCharsets.UTF_16LE), Values.STRING));
        assertEquals("caf\u00e9", fmt(new byte[] {'c', 'a', 'f', (byte) 0xE9, 0}, Values.ANSI_STRING));
        assertEquals("0A0BFF", fmt(new byte[] {10, 11, -1}, Values.BINARY));
        assertEquals("1.5", fmt(le(4, Float.floatToIntBits(1.5f)), Values.REAL32));
        assertEquals("2.25", fmt(le(8, Double.doubleToLongBits(2.25)), Values.REAL64));
    }

    @Test
    void arrays() {
        byte[] strings = "a\0bc\0\0d\0".getBytes(StandardCharsets.UTF_16LE);
        assertArrayEquals(new String[] {"a", "bc", "", "d"},
                f.items(strings, 0, strings.length, Values.STRING));
        byte[] ints = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(-1).array();
        assertArrayEquals(new String[] {"7", "4294967295"}, f.items(ints, 0, 8, Values.UINT32));
        assertEquals("7,4294967295", f.format(ints, 0, 8, Values.UINT32 | Values.ARRAY));
    }
}
