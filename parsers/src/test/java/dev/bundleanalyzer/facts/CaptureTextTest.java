package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CaptureTextTest {

    @Test
    void bytesInTheFormsWindowsPrints() {
        assertEquals(812_733_878_272L, CaptureText.parseBytes("812,733,878,272"));
        assertEquals(918_862_475_264L, CaptureText.parseBytes("9,18,86,24,75,264"));
        assertEquals(812_733_878_272L, CaptureText.parseBytes("812 733 878 272"));
        assertEquals(1L << 30, CaptureText.parseBytes("1024 MB"));
        assertEquals(0, CaptureText.parseBytes("0 B"));
        assertEquals(-1, CaptureText.parseBytes("many"));
    }

    @Test
    void aNumberPastALongIsNoSize() {
        assertEquals(Long.MAX_VALUE, CaptureText.parseBytes("9223372036854775807"));
        assertEquals(-1, CaptureText.parseBytes("9999999999999999999"));
        assertEquals(-1, CaptureText.parseBytes("9,999,999,999,999,999,999"));
        assertEquals(-1, CaptureText.parseBytes("99999999999999999999"));
        assertEquals(-1, CaptureText.parseBytes("9,999,999 PB"), "grouped digits times the unit");
    }
}
