package dev.bundleanalyzer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;

/** Parsing a search: times, report clauses, facts or events, and where an error is. */
class SearchQueryTest {

    private static SearchQuery parse(String text) throws QueryProblem {
        return SearchQuery.parse(text, null, null);
    }

    private static QueryProblem problem(String text) {
        return assertThrows(QueryProblem.class, () -> parse(text));
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void aTimeNamesThePeriodItsPrecisionGives() {
        assertEquals(new TimeBound(millis("2026-10-21T00:00:00Z"), millis("2026-10-21T23:59:59.999Z")), TimeBound.parse("2026-10-21"));
        assertEquals(new TimeBound(millis("2026-10-21T22:30:00Z"), millis("2026-10-21T22:30:59.999Z")), TimeBound.parse("2026-10-21T22:30"));
        assertEquals(new TimeBound(millis("2026-10-21T22:30:15Z"), millis("2026-10-21T22:30:15.999Z")), TimeBound.parse("2026-10-21T22:30:15Z"));
        assertEquals(new TimeBound(millis("2026-10-21T22:30:15.500Z"), millis("2026-10-21T22:30:15.599Z")), TimeBound.parse("2026-10-21 22:30:15.5"));
        assertEquals(new TimeBound(millis("2026-10-21T13:30:00Z"), millis("2026-10-21T13:30:59.999Z")), TimeBound.parse("2026-10-21T22:30+09:00"));
        assertEquals(new TimeBound(millis("2026-10-21T13:30:00Z"), millis("2026-10-21T13:30:59.999Z")), TimeBound.parse("2026-10-21T22:30+0900"));
        assertEquals(new TimeBound(1792616541902L, 1792616541902L), TimeBound.parse("1792616541902"));
        assertThrows(IllegalArgumentException.class, () -> TimeBound.parse("2026-13-01"));
        assertThrows(IllegalArgumentException.class, () -> TimeBound.parse("21/10/2026"));
    }

    @Test
    void hostAndBundleClausesLeaveTheIndexQuery() throws Exception {
        SearchQuery q = parse("host:FS01 AND level:FATAL -bundle:old*.zip");
        assertEquals("+level:fatal", q.query().toString());
        ReportFolder fs01 = new ReportFolder(Path.of("a"), "new.zip", "fs01");
        assertTrue(q.reports().accepts(fs01));
        assertFalse(q.reports().accepts(new ReportFolder(Path.of("b"), "old-1.zip", "FS01")));
        assertFalse(q.reports().accepts(new ReportFolder(Path.of("c"), "new.zip", "FS02")));
        assertFalse(q.reports().accepts(new ReportFolder(Path.of("d"), "new.zip", null)), "an unknown host is not FS01");

        SearchQuery alone = parse("host:FS01");
        assertEquals(new MatchAllDocsQuery(), alone.query());
        assertTrue(alone.reports().needsHost());

        assertTrue(parse("host:(FS01 OR FS02) vault").reports().accepts(new ReportFolder(Path.of("e"), "x", "FS02")));
        assertFalse(parse("bundle:x.zip vault").reports().needsHost());
    }

    @Test
    void hostInsideAGroupIsRefusedWithItsPlace() {
        QueryProblem p = problem("vault AND (level:FATAL OR host:FS01)");
        assertEquals("vault AND (level:FATAL OR host:FS01)".indexOf("FS01") + 1, p.column());
        assertTrue(p.headline().startsWith("query error at column 32: host: and bundle:"), p.headline());
        problem("host:FS01 OR vault");
        problem("NOT (host:FS01 AND vault)");
        problem("host:[A TO B]");
        problem("host:FS01~");
    }

    @Test
    void factsOnlyWhenTheQueryNamesThem() throws Exception {
        assertTrue(parse("vault").eventsOnly());
        assertTrue(parse("").eventsOnly());
        assertFalse(parse("type:fact").eventsOnly());
        assertFalse(parse("factKey:agent.version").eventsOnly());
        assertFalse(parse("vault OR factValue:restricted").eventsOnly());
    }

    @Test
    void termsAreLowerCasedWhereTheParserDoesNotAnalyze() throws Exception {
        assertEquals("file:*cbengine*", parse("file:*CBEngine*").query().toString());
        assertEquals("component:cbeng*", parse("COMPONENT:CBEng*").query().toString());
        assertEquals("errorCode:0x1fc07", parse("errorCode:0x1FC07").query().toString());
        assertEquals("message:\"vault credentials\"", parse("\"Vault Credentials\"").query().toString());
        assertEquals("message:\"remote server\"", parse("remote-server").query().toString(),
                "one typed word split by the analyzer is a phrase");
        assertEquals("+message:vault +message:credentials", parse("vault credentials").query().toString());
        assertEquals("line:[10 TO 20]", parse("line:[10 TO 20]").query().toString());
        assertEquals("record:[4111 TO 9223372036854775807]", parse("record:{4110 TO *]").query().toString());
    }

    @Test
    void problemsPointAtTheirColumn() {
        assertEquals(7, problem("level:(FATAL").column());
        assertEquals(4, problem("foo)").column());
        assertEquals(1, problem("\"vault").column());
        assertEquals(10, problem("vault AND").column());
        assertEquals(6, problem("line:abc").column());
        assertEquals(1, problem("nosuchfield:x").column());
        assertEquals(0, problem("\"...\"").column(), "no single place: no column");
        QueryProblem p = problem("level:(FATAL");
        assertEquals("  level:(FATAL" + System.lineSeparator() + "        ^", p.pointer("  "));
    }
}
