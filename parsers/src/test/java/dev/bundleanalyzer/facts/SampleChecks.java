package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.Samples;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Runs fact samples the way the analyzer does: encoded as Windows writes them, detected, then parsed. */
final class SampleChecks {

    private SampleChecks() {
    }

    /**
     * Encodes the sample, checks the standard detector gives it {@code kind}, parses it with the detected parser
     * and checks the count returned, the file of every fact and that every fact's text is the line it names.
     */
    static CollectingSink parse(String sample, String encoding, String kind) throws IOException {
        return parseText("out/" + sample, Samples.text("facts", sample), encoding, kind);
    }

    /** As {@link #parse} for a text made in the test; {@code path} is the entry path. */
    static CollectingSink parseText(String path, String text, String encoding, String kind) throws IOException {
        byte[] bytes = Samples.encode(text, encoding);
        ContentDetector.Detection d = ContentDetector.standard().detect(path, Samples.head(bytes));
        assertEquals(kind, d.kind(), path + " in " + encoding + " detected as");
        assertNotNull(d.parser());
        CollectingSink sink = new CollectingSink();
        long n = d.parser().parse(Samples.input(path, null, bytes), sink);
        assertEquals(sink.facts.size(), n, "returned count");
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (Fact f : sink.facts) {
            assertEquals(path, f.file());
            assertTrue(f.line() >= 1 && f.line() <= lines.length, f.toString());
            assertEquals(lines[(int) f.line() - 1], f.text(), f.key() + " text");
        }
        return sink;
    }

    static void assertFact(CollectingSink sink, String key, String value, long line) {
        Fact f = sink.fact(key);
        assertEquals(value, f.value(), key);
        assertEquals(line, f.line(), key + " line");
    }

    /** All facts of a key as {@code value@line}, in the order given. */
    static List<String> all(CollectingSink sink, String key) {
        return sink.facts.stream().filter(f -> f.key().equals(key)).map(f -> f.value() + "@" + f.line()).toList();
    }

    static int detect(Parser parser, String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parser.detect(new ContentSample(name, bytes, StandardCharsets.UTF_8, text));
    }

    /** Names of the samples in the facts folder ({@code src/test/resources/dev/bundleanalyzer/facts}). */
    static List<String> samples() {
        URL url = SampleChecks.class.getResource("/dev/bundleanalyzer/facts/");
        assertNotNull(url, "facts samples folder");
        try {
            // test classes of this package share the folder with the samples
            String[] names = new File(url.toURI()).list((dir, name) -> !name.endsWith(".class"));
            assertNotNull(names);
            Arrays.sort(names);
            return List.of(names);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the parser claims none of the samples whose names do not start with one of {@code ownPrefixes}. */
    static void claimsNoOtherSample(Parser parser, String... ownPrefixes) {
        claimsNoOtherSample(parser, List.of(), ownPrefixes);
    }

    /** As above, {@code mixed} naming samples of other kinds that hold a capture of this kind too. */
    static void claimsNoOtherSample(Parser parser, List<String> mixed, String... ownPrefixes) {
        int checked = 0;
        for (String name : samples()) {
            if (Arrays.stream(ownPrefixes).anyMatch(name::startsWith) || mixed.contains(name)) {
                continue;
            }
            int c = detect(parser, name, Samples.text("facts", name));
            assertTrue(c < ContentDetector.MIN_CONFIDENCE, parser.kind() + " claims " + name + " with " + c);
            checked++;
        }
        assertTrue(checked >= 10, "other samples checked: " + checked);
    }
}
