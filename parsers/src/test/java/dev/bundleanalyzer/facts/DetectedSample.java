package dev.bundleanalyzer.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sample of {@code src/test/resources/dev/bundleanalyzer/facts/} as a bundle would hold it: encoded as Windows
 * writes it, detected by the standard detector and read by the parser it picked. Every fact is checked to point
 * at the entry and to carry the text of its line.
 */
final class DetectedSample {

    final String path;
    final ContentDetector.Detection detection;
    final CollectingSink sink = new CollectingSink();

    private DetectedSample(String path, ContentDetector.Detection detection) {
        this.path = path;
        this.detection = detection;
    }

    /** The sample written as {@code encoding} (see {@link Samples#encode}) under the entry name {@code name}. */
    static DetectedSample read(String name, String sample, String encoding) throws IOException {
        String text = Samples.text("facts", sample);
        byte[] bytes = Samples.encode(text, encoding);
        String path = "bundle/" + name;
        ContentDetector.Detection d = ContentDetector.standard().detect(path, Samples.head(bytes));
        DetectedSample s = new DetectedSample(path, d);
        assertNotNull(d.parser(), sample + " in " + encoding + " was not recognised: " + d.kind());
        long n = d.parser().parse(Samples.input(path, null, bytes), s.sink);
        assertEquals(s.sink.facts.size(), n, "returned count");
        List<String> lines = Arrays.asList(text.split("\r?\n", -1));
        for (Fact f : s.sink.facts) {
            assertEquals(path, f.file(), f.key());
            assertEquals(lines.get((int) f.line() - 1), f.text(), f.key() + " evidence text");
        }
        return s;
    }

    /** The detected kind; the charset the detector chose. */
    DetectedSample assertKind(String kind, String charset) {
        assertEquals(kind, detection.kind(), path);
        assertEquals(charset, detection.charset().name(), path + " charset");
        return this;
    }

    /** Every fact, in order, as {@code key=value@line}. */
    void assertFacts(String... expected) {
        assertEquals(List.of(expected), sink.facts.stream().map(f -> f.key() + "=" + f.value() + "@" + f.line()).toList());
    }

    /** The confidence of {@code parser} for a UTF-8 text named {@code name}. */
    static int detect(Parser parser, String name, String text) {
        return parser.detect(new ContentSample(name, text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, text));
    }

    /** Names of the samples in the facts folder (next to the compiled tests) that do not start with {@code prefix}. */
    static List<String> samplesExcept(String prefix) {
        try {
            Path dir = Path.of(DetectedSample.class.getResource("/dev/bundleanalyzer/facts/").toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString())
                        .filter(n -> !n.endsWith(".class") && !n.startsWith(prefix)).sorted().toList();
                assertEquals(false, names.isEmpty(), "no other samples found");
                return names;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that {@code parser} claims none of the other samples of the folder, whatever their entry name. */
    static void assertClaimsNoOtherSample(Parser parser, String ownPrefix) {
        for (String other : samplesExcept(ownPrefix)) {
            int c = detect(parser, other, Samples.text("facts", other));
            assertEquals(true, c < ContentDetector.MIN_CONFIDENCE, parser.kind() + " claims " + other + " with " + c);
        }
    }
}
