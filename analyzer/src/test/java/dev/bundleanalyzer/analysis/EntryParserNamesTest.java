package dev.bundleanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntryParserNamesTest {

    private static final byte[] GARBAGE = {(byte) 0x8F, 0x13, 0x77, (byte) 0xE1, 0x02, 0x55, (byte) 0xC0, 0x01};

    @Test
    void aDamagedTraceOrEventLogSaysWhatItWasNamedLike() {
        assertTrue(EntryParser.nameMismatch("Application.evtx", GARBAGE).contains("no ElfFile header"));
        assertTrue(EntryParser.nameMismatch("CBEngineCurr.errlog", GARBAGE).contains("agent trace log"));
        assertTrue(EntryParser.nameMismatch("MSDPMCurr.errlog.2016-06-01_20-55-45.Crash", GARBAGE)
                .contains("agent trace log"));
    }

    @Test
    void nulFilledFilesAreNamedAsSuch() {
        assertTrue(EntryParser.nameMismatch("notes.log", new byte[4096]).contains("nothing but NUL bytes"));
    }

    @Test
    void otherNamesAddNothing() {
        assertEquals("", EntryParser.nameMismatch("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII)));
    }
}
