package dev.bundleanalyzer.detect;

import dev.bundleanalyzer.parse.Parser;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Decides what kind of file an entry is from its name and first bytes: finds the charset, decodes the head once,
 * and asks every registered {@link Parser} how sure it is. The most confident parser with at least
 * {@link #MIN_CONFIDENCE} wins; on a tie the one registered first.
 *
 * <p>When no parser is sure enough the kind is {@code "binary"} (the bytes are not text) or {@code "unknown"}.
 * Windows event log files ({@code ElfFile\0} magic) are recognised as kind {@code "evtx"} even without a parser
 * for them, so that they are listed as known but not read.
 *
 * <p>Immutable and thread-safe; {@link #detect} runs on every entry of a bundle and costs one decode of at most
 * {@link #SAMPLE_BYTES} bytes plus the parsers' own checks.
 */
public final class ContentDetector {

    /** How many bytes of an entry the detector needs. */
    public static final int SAMPLE_BYTES = 8192;
    /** Lowest confidence that makes a parser the owner of an entry. */
    public static final int MIN_CONFIDENCE = 50;
    /** Kind of an entry no parser claims whose bytes are text. */
    public static final String UNKNOWN = "unknown";
    /** Kind of an entry no parser claims whose bytes are not text. */
    public static final String BINARY = "binary";
    /** Kind of a Windows event log file ({@code .evtx}). */
    public static final String EVTX = "evtx";

    private static final byte[] EVTX_MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};

    /**
     * The outcome of a detection.
     *
     * @param parser     the parser to read the entry with, or {@code null} when none claimed it
     * @param kind       the parser's kind, or {@code "unknown"}, {@code "binary"} or another known-but-unparsed kind
     * @param charset    charset of the text, {@code null} for binary content
     * @param bomLength  bytes of byte-order mark to skip before handing the content to the parser
     * @param confidence the winning parser's confidence (0 when none)
     */
    public record Detection(Parser parser, String kind, Charset charset, int bomLength, int confidence) {
    }

    private final List<Parser> parsers;

    /** A detector that asks the given parsers, in this order (the order breaks ties). */
    public ContentDetector(List<? extends Parser> parsers) {
        this.parsers = List.copyOf(parsers);
    }

    /** A detector over the parsers registered in {@code META-INF/services/dev.bundleanalyzer.parse.Parser}. */
    public static ContentDetector standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final ContentDetector INSTANCE = load();

        private static ContentDetector load() {
            List<Parser> found = new ArrayList<>();
            ServiceLoader.load(Parser.class, ContentDetector.class.getClassLoader()).forEach(found::add);
            return new ContentDetector(found);
        }
    }

    /** The parsers this detector asks, in order. */
    public List<Parser> parsers() {
        return parsers;
    }

    /**
     * Detects the kind of an entry.
     *
     * @param name entry name or path; only the last segment is shown to the parsers
     * @param head the first bytes of the entry, up to {@link #SAMPLE_BYTES} are used
     */
    public Detection detect(String name, byte[] head) {
        int length = Math.min(head.length, SAMPLE_BYTES);
        CharsetDetector.Result cs = CharsetDetector.detect(head, 0, length);
        Charset charset = cs == null ? null : cs.charset();
        int bom = cs == null ? 0 : cs.bomLength();
        String text = charset == null ? "" : decodeHead(head, bom, length, charset);
        byte[] sampleHead = length == head.length ? head : Arrays.copyOf(head, length);
        ContentSample sample = new ContentSample(lastSegment(name), sampleHead, charset, text);

        Parser best = null;
        int bestConfidence = 0;
        for (Parser p : parsers) {
            int c;
            try {
                c = p.detect(sample);
            } catch (RuntimeException e) {
                c = 0; // a parser that cannot judge the sample does not claim it
            }
            if (c > bestConfidence) {
                best = p;
                bestConfidence = c;
            }
        }
        if (best != null && bestConfidence >= MIN_CONFIDENCE) {
            return new Detection(best, best.kind(), charset, bom, Math.min(bestConfidence, 100));
        }
        if (startsWith(head, length, EVTX_MAGIC)) {
            return new Detection(null, EVTX, null, 0, 100);
        }
        return new Detection(null, charset == null ? BINARY : UNKNOWN, charset, bom, 0);
    }

    /**
     * Decodes the head after the BOM. A character cut by the end of the sample is dropped (the decoder is told
     * more input would follow); malformed bytes elsewhere become U+FFFD.
     */
    static String decodeHead(byte[] head, int bom, int length, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(head, bom, length - bom);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((length - bom) * (double) decoder.maxCharsPerByte()) + 1);
        decoder.decode(in, out, false);
        out.flip();
        return out.toString();
    }

    private static String lastSegment(String name) {
        if (name == null) {
            return "";
        }
        int cut = Math.max(name.lastIndexOf('/'), Math.max(name.lastIndexOf('\\'), name.lastIndexOf('!')));
        return cut < 0 ? name : name.substring(cut + 1);
    }

    private static boolean startsWith(byte[] b, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
