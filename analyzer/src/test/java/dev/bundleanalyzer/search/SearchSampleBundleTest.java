package dev.bundleanalyzer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.cli.Main;
import dev.bundleanalyzer.search.TwoBundles.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches the report of samples/contoso-fs01-bundle.zip, whose lines samples/make_samples.py documents. */
class SearchSampleBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG = "Temp/CBEngineCurr.errlog";
    private static final String EVTX = "Logs/CloudBackup%4Operational.evtx";

    @TempDir
    static Path work;
    static Path report;

    @BeforeAll
    static void analyzeSample() {
        report = work.resolve("contoso.report");
        Run run = Run.of("analyze", Path.of("..", "samples", "contoso-fs01-bundle.zip").toString(), "--out", report.toString());
        assertEquals(Main.FINDINGS, run.exit(), run.err());
    }

    private static JsonNode search(String query) throws IOException {
        Run run = Run.of("search", report.toString(), query, "--json");
        assertEquals(Main.OK, run.exit(), query + ": " + run.err());
        return JSON.readTree(run.out());
    }

    private static List<String> places(String query) throws IOException {
        List<String> places = new ArrayList<>();
        search(query).get("results").forEach(r -> places.add(r.get("record").isNull()
                ? r.get("file").asText() + ":" + r.get("line").asLong()
                : r.get("file").asText() + " record " + r.get("record").asLong()));
        return places;
    }

    @Test
    void errorCodesEventIdsAndFieldsFindTheMarkedLines() throws IOException {
        assertEquals(List.of(LOG + ":8"), places("errorCode:0x1fc07"));
        assertEquals(List.of(LOG + ":4"), places("errorCode:34513"), "line 2's file count and line 10's 345130 are not the code");
        assertEquals(List.of(LOG + ":5", "more/gateway-logs.zip!/Temp/GatewayProvider0.errlog:2"), places("errorCode:100050"));
        assertEquals(List.of(EVTX + " record 4112"), places("eventId:18"));
        assertEquals(List.of(EVTX + " record 4111", EVTX + " record 4112", EVTX + " record 4118"),
                places("eventId:(10 OR 11 OR 18)"));
        assertEquals(List.of(EVTX + " record 4110", EVTX + " record 4111", EVTX + " record 4112"),
                places("record:[4110 TO 4112]"));
        assertEquals(List.of(LOG + ":3", LOG + ":4"), places("message:\"vault credentials\""));
        assertEquals(9, places("file:*CBEngine*").size(), "ten lines, one a continuation of the line before");
        assertEquals(List.of("more/gateway-logs.zip!/Temp/GatewayProvider0.errlog:1",
                "more/gateway-logs.zip!/Temp/GatewayProvider0.errlog:2"), places("component:GatewayProvider"));
        assertEquals(List.of(LOG + ":4", LOG + ":5", "more/gateway-logs.zip!/Temp/GatewayProvider0.errlog:2"),
                places("level:FATAL host:fs01 bundle:contoso-fs01-bundle.zip"));
    }

    @Test
    void factsAnswerWhenAskedFor() throws IOException {
        JsonNode hits = search("type:fact factKey:powershell.version");
        assertEquals(1, hits.get("total").asInt());
        JsonNode fact = hits.get("results").get(0);
        assertEquals("commands/output_01.txt", fact.get("file").asText());
        assertEquals(6, fact.get("line").asInt());
        assertEquals("powershell.version", fact.get("factKey").asText());
        assertEquals("2.0", fact.get("factValue").asText());
        assertEquals("fact", fact.get("type").asText());
        assertEquals(List.of("commands/Get-ExecutionPolicy.txt:9"), places("factKey:executionpolicy.* AND factValue:restricted"
                + " AND -factKey:executionpolicy.effective"));
    }

    @Test
    void eventLogRecordsShowTheirMessageOnTheTerminal() {
        Run run = Run.of("search", report.toString(), "eventId:18");
        assertEquals(Main.OK, run.exit());
        assertEquals("2026-10-19T12:30:00.271Z  contoso-fs01-bundle.zip (FS01)  " + EVTX
                + " record 4112  Error  Scheduled backup failed in initialization phase", run.hits().get(0));
    }

    @Test
    void longLinesAreShortenedOnTheTerminalOnly() throws IOException {
        Run run = Run.of("search", report.toString(), "errorCode:100050 line:5");
        String line = run.hits().get(0);
        assertTrue(line.endsWith("…"), line);
        String text = line.substring(line.indexOf("FATAL  ") + "FATAL  ".length());
        assertEquals(TextOutput.MAX_TEXT, text.codePointCount(0, text.length()));
        assertTrue(search("errorCode:100050 line:5").get("results").get(0).get("text").asText().endsWith("connect to the internet."));
    }

    @Test
    void everyCitedEvidenceLineIsFoundByItsErrorCode() throws IOException {
        assertTrue(EvidenceSearch.checkAll(report) >= 4, "34513, 100050 (twice), 0x1FC07, 34506");
    }
}
