package dev.bundleanalyzer.fuzz;

import dev.bundleanalyzer.detect.CharsetDetector;
import dev.bundleanalyzer.detect.ContentDetector;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Fuzz input opened as the analyzer opens an entry of a bundle. */
final class Entries {

    /** Modification time of every entry: errlog years and vault credential ages are taken from it. */
    static final Instant MODIFIED = Instant.parse("2026-10-22T06:30:00Z");

    /** A zone with daylight saving time, so that local times can fall into its gap and its overlap. */
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private Entries() {
    }

    /**
     * The bytes as a text entry: charset and byte-order mark detected from the first
     * {@link ContentDetector#SAMPLE_BYTES}, as the analyzer does. A head that is not text is read as ISO-8859-1:
     * the analyzer hands a parser only what it claims, but past its head an entry may hold any bytes, and
     * ISO-8859-1 shows the parser every one of them.
     */
    static ParseInput text(String path, byte[] data, Parser parser) {
        CharsetDetector.Result detected = CharsetDetector.detect(data, 0, Math.min(data.length, ContentDetector.SAMPLE_BYTES));
        Charset charset = detected == null ? StandardCharsets.ISO_8859_1 : detected.charset();
        int bom = detected == null ? 0 : detected.bomLength();
        return new ParseInput(path, MODIFIED, charset, new ByteArrayInputStream(data, bom, data.length - bom),
                zoneFor(parser));
    }

    /** The bytes as a binary entry (no charset). */
    static ParseInput binary(String path, byte[] data, Parser parser) {
        return new ParseInput(path, MODIFIED, null, new ByteArrayInputStream(data), zoneFor(parser));
    }

    /**
     * One of {@code paths}, picked by the last byte of the input: names steer some parsers (an errlog's component,
     * a drive letter, a channel), and this lets the fuzzer try each without a byte of content going to the name.
     */
    static String pick(List<String> paths, byte[] data) {
        return data.length == 0 ? paths.get(0) : paths.get((data[data.length - 1] & 0xFF) % paths.size());
    }

    private static ZoneId zoneFor(Parser parser) {
        return parser.readsLocalTimes() ? ZONE : null;
    }
}
