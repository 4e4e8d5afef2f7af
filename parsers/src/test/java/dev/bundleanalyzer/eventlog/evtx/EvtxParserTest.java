package dev.bundleanalyzer.eventlog.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xml.sax.InputSource;

/**
 * The reader against the real files of the shared corpus, with the figures of its REFERENCE.md (python-evtx and
 * libevtx): at least the lower record count, the three most frequent EventIDs with their counts on undamaged
 * files, notes on the damaged ones.
 */
class EvtxParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Application_no_crc32.evtx              | 17   | 1003:2 1:1 15:1          | true
        new-user-security.evtx                 | 4    | 4732:2 4728:1 4720:1     | false
        sample-with-irregular-bool-values.evtx | 3028 | 5320:618 5351:395 4117:370 | false
        sample_with_a_bad_chunk_magic.evtx     | 267  |                          | true
        security.evtx                          | 2261 | 4907:620 4624:583 4672:459 | false
        security_bad_string_cache.evtx         | 2261 | 4907:620 4624:583 4672:459 | true
        sysmon.evtx                            | 358  | 1:227 10:60 11:34        | false
        system.evtx                            | 1881 | 16:394 1:211 1014:160    | false
        """)
    void readsTheCorpus(String name, int minRecords, String topIds, boolean damaged) throws Exception {
        CollectingSink sink = EvtxCorpus.parse(name);
        List<LogEvent> events = sink.events;
        assertTrue(events.size() >= minRecords, name + ": " + events.size() + " records, expected at least "
                + minRecords);
        Map<Integer, Long> byId = events.stream().filter(e -> e.eventId() != null)
                .collect(Collectors.groupingBy(LogEvent::eventId, TreeMap::new, Collectors.counting()));
        if (topIds != null && !damaged) {
            long third = Long.MAX_VALUE;
            for (String pair : topIds.trim().split(" ")) {
                String[] kv = pair.split(":");
                long expected = Long.parseLong(kv[1]);
                assertEquals(expected, byId.getOrDefault(Integer.parseInt(kv[0]), 0L), name + " EventID " + kv[0]);
                third = Math.min(third, expected);
            }
            long limit = third;
            Set<String> listed = Set.of(topIds.trim().split(" "));
            byId.forEach((id, count) -> assertTrue(count <= limit || listed.contains(id + ":" + count),
                    name + ": EventID " + id + " occurs " + count + " times, more than the reference top three"));
        }
        if (damaged) {
            assertFalse(sink.notes.isEmpty(), name + " is damaged and should give notes");
        }
        Set<Long> ids = new HashSet<>();
        for (LogEvent e : events) {
            assertEquals(name, e.file());
            assertEquals(0, e.line());
            assertNotNull(e.record(), "record number");
            assertNotNull(e.time(), "time");
            assertTrue(e.time().isAfter(Instant.parse("2000-01-01T00:00:00Z")), "time " + e.time());
            assertTrue(e.raw().startsWith("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"),
                    e.raw());
            ids.add(e.record());
        }
        if (!damaged) {
            assertEquals(events.size(), ids.size(), "record numbers are unique");
            for (LogEvent e : events) {
                assertNotNull(e.component(), "provider of " + e.record());
                assertNotNull(e.channel(), "channel of " + e.record());
                assertNotNull(e.computer(), "computer of " + e.record());
                assertNotNull(e.level(), "level of " + e.record());
                assertNotNull(e.timeText(), "time text of " + e.record());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"system.evtx", "security.evtx", "sysmon.evtx", "sample-with-irregular-bool-values.evtx",
        "Application_no_crc32.evtx", "new-user-security.evtx"})
    void everyRecordRendersAsWellFormedXml(String name) throws Exception {
        DocumentBuilder builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        builder.setErrorHandler(null);
        for (LogEvent e : EvtxCorpus.parse(name).events) {
            // XML 1.1: control characters in event data are written as character references
            var doc = builder.parse(new InputSource(new java.io.StringReader("<?xml version='1.1'?>" + e.raw())));
            var root = doc.getDocumentElement();
            assertEquals("Event", root.getTagName());
            String recordId = root.getElementsByTagName("EventRecordID").item(0).getTextContent();
            assertEquals(String.valueOf(e.record()), recordId);
            String eventId = root.getElementsByTagName("EventID").item(0).getTextContent();
            assertEquals(String.valueOf(e.eventId()), eventId);
            String systemTime = ((org.w3c.dom.Element) root.getElementsByTagName("TimeCreated").item(0))
                    .getAttribute("SystemTime");
            assertEquals(e.timeText(), systemTime);
            assertEquals(e.time(), Instant.parse(systemTime));
        }
    }

    @Test
    void securityLogonEventHasItsFields() throws IOException {
        List<LogEvent> events = EvtxCorpus.parse("security.evtx").events;
        LogEvent logon = events.stream().filter(e -> e.eventId() == 4624).findFirst().orElseThrow();
        assertEquals("Microsoft-Windows-Security-Auditing", logon.component());
        assertEquals("Security", logon.channel());
        assertEquals("Information", logon.level());
        assertNotNull(logon.process());
        assertNotNull(logon.thread());
        assertTrue(logon.message().contains("TargetUserName="), logon.message());
        assertTrue(logon.message().contains("; LogonType="), logon.message());
        assertTrue(logon.raw().contains("<Data Name='LogonType'>"), logon.raw());
        // SIDs and GUIDs in their usual text forms
        assertTrue(logon.raw().matches(".*<Data Name='TargetUserSid'>S-1-\\d+(-\\d+)*</Data>.*"), logon.raw());
        assertTrue(logon.raw().matches(".*<Data Name='LogonGuid'>\\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}}</Data>.*"),
                logon.raw());
        assertTrue(logon.timeText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z"), logon.timeText());
    }

    @Test
    void firstSystemRecordMatchesTheEventViewer() throws IOException {
        LogEvent first = EvtxCorpus.parse("system.evtx").events.get(0);
        assertEquals(1L, first.record());
        assertEquals(6009, first.eventId());
        assertEquals("EventLog", first.component());
        assertEquals("System", first.channel());
        assertEquals("WIN-P4SIAA0SQCO", first.computer());
        assertEquals("Information", first.level());
        assertEquals(Instant.parse("2017-07-12T17:16:28.2141616Z"), first.time());
        assertEquals("2017-07-12T17:16:28.2141616Z", first.timeText());
        // a string array fills one Data element per item; qualifiers stay in the XML only
        assertTrue(first.raw().contains("<EventID Qualifiers='32768'>6009</EventID>"), first.raw());
        assertTrue(first.raw().contains("<Data>10.00.</Data><Data>15063</Data><Data></Data>"
                + "<Data>Multiprocessor Free</Data><Data>0</Data>"), first.raw());
        assertEquals("10.00.; 15063; Multiprocessor Free; 0", first.message());
    }

    @Test
    void irregularBoolValuesAreTrueWhenNotZero() throws IOException {
        List<LogEvent> events = EvtxCorpus.parse("sample-with-irregular-bool-values.evtx").events;
        long withBool = events.stream().filter(e -> e.raw().matches(".*>(true|false)</Data>.*")).count();
        assertTrue(withBool > 0, "some records carry boolean values");
        assertTrue(events.stream().noneMatch(e -> e.raw().contains("Unknown")), "no unreadable names");
    }

    @Test
    void damagedFilesSayWhatWasWrong() throws IOException {
        CollectingSink noCrc = EvtxCorpus.parse("Application_no_crc32.evtx");
        assertTrue(noCrc.notes.stream().anyMatch(n -> n.contains("file header checksum")), noCrc.notes.toString());
        assertTrue(noCrc.notes.stream().anyMatch(n -> n.contains("chunk header checksum")), noCrc.notes.toString());

        CollectingSink badMagic = EvtxCorpus.parse("sample_with_a_bad_chunk_magic.evtx");
        assertTrue(badMagic.notes.stream().anyMatch(n -> n.contains("not chunks (no ElfChnk magic")),
                badMagic.notes.toString());
        assertTrue(badMagic.events.stream().filter(e -> Integer.valueOf(325).equals(e.eventId())).count() >= 267);

        CollectingSink badCache = EvtxCorpus.parse("security_bad_string_cache.evtx");
        assertTrue(badCache.notes.stream().anyMatch(n -> n.contains("chunk header checksum")), badCache.notes.toString());
        List<LogEvent> good = EvtxCorpus.parse("security.evtx").events;
        assertEquals(good.size(), badCache.events.size());
        for (int i = 0; i < good.size(); i++) {
            assertEquals(good.get(i).raw(), badCache.events.get(i).raw(), "record " + good.get(i).record());
        }
    }

    @Test
    void undamagedFileGivesNoChecksumNotes() throws IOException {
        CollectingSink sink = EvtxCorpus.parse("security.evtx");
        assertTrue(sink.notes.stream().noneMatch(n -> n.contains("checksum") || n.contains("damaged")),
                sink.notes.toString());
    }

    @Test
    void detectedByContentUnderAnyName() throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(EvtxCorpus.file("system.evtx")), ContentDetector.SAMPLE_BYTES);
        EvtxParser parser = new EvtxParser();
        ContentDetector.Detection d = new ContentDetector(List.of(parser)).detect("Temp/log.bin", head);
        assertSame(parser, d.parser());
        assertEquals("evtx", d.kind());
        assertEquals(100, d.confidence());
        assertTrue(ContentDetector.standard().detect("x/log.bin", head).parser() instanceof EvtxParser,
                "registered as a service");
        assertEquals(0, new ContentDetector(List.of(parser)).detect("System.evtx",
                "not an event log".getBytes()).confidence());
    }

    @Test
    void readsFromAStreamThatReturnsFewBytesAtATime() throws IOException {
        byte[] all = Files.readAllBytes(EvtxCorpus.file("system.evtx"));
        CollectingSink sink = new CollectingSink();
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(all)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 777));
            }
        };
        new EvtxParser().parse(new ParseInput("System.evtx", null, null, trickle), sink);
        assertEquals(1881, sink.events.size());
    }

    @Test
    void truncatedAndCorruptedFilesDoNotThrow() throws IOException {
        byte[] all = Files.readAllBytes(EvtxCorpus.file("security.evtx"));
        // cut in the middle of the third chunk
        CollectingSink cut = parse(Arrays.copyOf(all, 4096 + 2 * 65536 + 30000));
        assertTrue(cut.events.size() > 177, "the first two chunks and part of the third: " + cut.events.size());
        assertTrue(cut.notes.stream().anyMatch(n -> n.contains("cut off")), cut.notes.toString());

        // overwrite the middle of the first chunk with noise: the records around it are still read
        byte[] noisy = all.clone();
        java.util.Random random = new java.util.Random(1);
        for (int i = 4096 + 20000; i < 4096 + 23000; i++) {
            noisy[i] = (byte) random.nextInt();
        }
        CollectingSink damaged = parse(noisy);
        assertTrue(damaged.events.size() >= 2261 - 10, "records kept: " + damaged.events.size());
        assertTrue(damaged.notes.stream().anyMatch(n -> n.contains("damaged record")), damaged.notes.toString());

        // noise everywhere, at several seeds: never an exception
        for (int seed = 0; seed < 20; seed++) {
            byte[] wild = all.clone();
            java.util.Random r = new java.util.Random(seed);
            for (int k = 0; k < 400; k++) {
                wild[4096 + r.nextInt(wild.length - 4096)] = (byte) r.nextInt();
            }
            parse(wild);
        }

        CollectingSink none = parse("hello, not an event log".getBytes());
        assertEquals(0, none.events.size());
        assertFalse(none.notes.isEmpty());
        assertEquals(0, parse(Arrays.copyOf(all, 100)).events.size());
    }

    @Test
    void levelWords() {
        assertEquals("Information", EvtxParser.level("0"));
        assertEquals("Critical", EvtxParser.level("1"));
        assertEquals("Error", EvtxParser.level("2"));
        assertEquals("Warning", EvtxParser.level("3"));
        assertEquals("Information", EvtxParser.level("4"));
        assertEquals("Verbose", EvtxParser.level("5"));
        assertEquals("16", EvtxParser.level("16"));
    }

    private static CollectingSink parse(byte[] content) throws IOException {
        CollectingSink sink = new CollectingSink();
        new EvtxParser().parse(new ParseInput("x.evtx", null, null, new ByteArrayInputStream(content)), sink);
        return sink;
    }
}
