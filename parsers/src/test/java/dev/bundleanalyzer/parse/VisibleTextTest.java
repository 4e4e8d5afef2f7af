package dev.bundleanalyzer.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class VisibleTextTest {

    @Test
    void directionControlsAreWrittenOut() {
        // shown raw, "report\u202Egpj.exe" reads as "reportexe.jpg"
        assertEquals("report<U+202E>gpj.exe", VisibleText.of("report\u202Egpj.exe"));
        assertEquals("<U+2066>a<U+2069> <U+202A>b<U+202C>", VisibleText.of("\u2066a\u2069 \u202Ab\u202C"));
    }

    @Test
    void textWithoutThemIsTheSameInstance() {
        String korean = "백업 작업이 실패했습니다 \u05E9\u05DC\u05D5\u05DD";
        assertSame(korean, VisibleText.of(korean));
        assertEquals(null, VisibleText.of(null));
    }
}
