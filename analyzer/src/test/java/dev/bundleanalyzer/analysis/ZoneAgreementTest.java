package dev.bundleanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.Fact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneAgreementTest {

    private static final Instant SUMMER = Instant.parse("2026-07-15T12:00:00Z");

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "Korea Standard Time           | (UTC+09:00) Seoul                      | true",
        "Korea Standard Time           | (UTC+09:00) 서울                        | true",
        // systeminfo shows the standard offset all year: summer time in the tzutil zone is no disagreement
        "Pacific Standard Time         | (UTC-08:00) Pacific Time (US & Canada) | true",
        "Pacific Standard Time_dstoff  | (UTC-08:00) Pacific Time (US & Canada) | true",
        "UTC                           | (UTC) Coordinated Universal Time       | true",
        "India Standard Time           | (UTC+05:30) Chennai, Kolkata, Mumbai   | true",
        "Pacific Standard Time         | (UTC+09:00) Seoul                      | false",
        "W. Europe Standard Time       | (UTC+00:00) Dublin, Edinburgh          | false",
        "Not A Zone                    | (UTC+09:00) Seoul                      | none",
    })
    void comparesTheStandardOffsets(String tzutil, String systeminfo, Boolean agree) {
        Optional<Fact> fact = ZoneAgreement.of(List.of(
                new Fact("timezone.id", tzutil.strip(), "tzutil.txt", 1, tzutil),
                new Fact("timezone.display", systeminfo.strip(), "systeminfo.txt", 12, systeminfo)), SUMMER);
        assertEquals(agree == null, fact.isEmpty());
        fact.ifPresent(f -> {
            assertEquals(ZoneAgreement.KEY, f.key());
            assertEquals(agree.toString(), f.value());
            assertEquals("systeminfo.txt", f.file());
            assertTrue(f.text().contains("tzutil.txt:1") && f.text().contains("systeminfo.txt:12"), f.text());
        });
    }

    @org.junit.jupiter.api.Test
    void nothingToSayWithOneSource() {
        assertTrue(ZoneAgreement.of(List.of(new Fact("timezone.id", "UTC", "tzutil.txt", 1, "UTC")), SUMMER).isEmpty());
    }
}
