package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reading a sample of {@code src/test/resources/dev/bundleanalyzer/facts/} the way the analyzer does: encoded as a
 * bundle holds it, detected by the standard detector, parsed, and every record checked against the sample's lines.
 */
final class FactSampleChecks {

    private FactSampleChecks() {
    }

    /** The lines of a sample (line n is index n - 1). */
    static List<String> lines(String sample) {
        return Samples.text("facts", sample).lines().toList();
    }

    /**
     * Encodes the sample, checks that the standard detector gives it {@code kind}, parses it with {@code parser} and
     * checks the count returned, the file of every record and that each record's text is its line of the sample.
     */
    static CollectingSink read(Parser parser, String sample, String entry, String encoding) throws IOException {
        return readText(parser, Samples.text("facts", sample), entry, encoding);
    }

    /** {@link #read} for a sample given as text. */
    static CollectingSink readText(Parser parser, String text, String entry, String encoding) throws IOException {
        byte[] bytes = Samples.encode(text, encoding);
        ContentDetector.Detection d = ContentDetector.standard().detect(entry, Samples.head(bytes));
        assertEquals(parser.kind(), d.kind(), entry + " in " + encoding + " detected as");
        CollectingSink sink = new CollectingSink();
        long n = parser.parse(Samples.input(entry, null, bytes), sink);
        assertEquals(sink.facts.size() + sink.events.size(), n, "returned count");
        List<String> lines = text.lines().toList();
        for (Fact f : sink.facts) {
            assertEquals(entry, f.file());
            assertEquals(lines.get((int) f.line() - 1), f.text(), f.key() + " evidence");
        }
        for (LogEvent e : sink.events) {
            assertEquals(entry, e.file());
            assertEquals(lines.get((int) e.line() - 1), e.raw(), "event evidence");
        }
        return sink;
    }

    /** Asserts the only fact with {@code key}: its value and line. */
    static void assertFact(CollectingSink sink, String key, String value, long line) {
        Fact f = sink.fact(key);
        assertEquals(value, f.value(), key);
        assertEquals(line, f.line(), key + " line");
    }

    /** Asserts the fact with {@code key} read from {@code line} (for keys given by several captures). */
    static void assertFactAt(CollectingSink sink, String key, String value, long line) {
        List<Fact> found = sink.facts.stream().filter(f -> f.key().equals(key) && f.line() == line).toList();
        assertEquals(1, found.size(), key + " at line " + line + " among " + sink.facts);
        assertEquals(value, found.get(0).value(), key);
    }

    /** What the parser says of a text sample under a name. */
    static int detect(Parser parser, String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parser.detect(new ContentSample(name, bytes, StandardCharsets.UTF_8, text));
    }

    /** What the standard detector makes of a text sample under a name. */
    static String detectedKind(String name, String text, String encoding) {
        return ContentDetector.standard().detect(name, Samples.head(Samples.encode(text, encoding))).kind();
    }

    /** The samples of the folder (and of the detector's folder) that do not start with {@code prefix}. */
    static List<String> otherSamples(String prefix) {
        try {
            Path dir = Path.of(FactSampleChecks.class.getResource("/dev/bundleanalyzer/facts/").toURI());
            Path detect = Path.of(FactSampleChecks.class.getResource("/dev/bundleanalyzer/detect/").toURI());
            try (Stream<Path> facts = Files.list(dir); Stream<Path> other = Files.list(detect)) {
                List<String> names = Stream.concat(
                                facts.map(p -> "facts/" + p.getFileName()),
                                other.map(p -> "detect/" + p.getFileName()))
                        .filter(n -> !n.endsWith(".class")) // test classes share the package folder
                        .filter(n -> !n.startsWith("facts/" + prefix))
                        .sorted()
                        .toList();
                assertTrue(names.size() > 5, "samples found: " + names);
                return names;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a sample named by {@link #otherSamples}. */
    static String otherSampleText(String name) {
        int slash = name.indexOf('/');
        return Samples.text(name.substring(0, slash), name.substring(slash + 1));
    }
}
