package dev.bundleanalyzer.parse;

import dev.bundleanalyzer.detect.ContentDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Test samples. Samples are kept in the repository as UTF-8 text; the encodings a bundle really holds
 * (UTF-16LE with and without BOM, UTF-8 with BOM, cp949, ...) are made from them here, byte for byte as
 * Windows writes them.
 */
public final class Samples {

    private Samples() {
    }

    /** A test resource of {@code dev/bundleanalyzer/<pkg>/<name>} as text. */
    public static String text(String pkg, String name) {
        String path = "/dev/bundleanalyzer/" + pkg + "/" + name;
        try (InputStream in = Samples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text encoded as named: {@code UTF-8}, {@code UTF-8-BOM}, {@code UTF-16LE}, {@code UTF-16LE-BOM},
     * {@code UTF-16BE}, {@code UTF-16BE-BOM}, {@code CP949}, {@code windows-1252}.
     */
    public static byte[] encode(String text, String encoding) {
        return switch (encoding) {
            case "UTF-8" -> text.getBytes(StandardCharsets.UTF_8);
            case "UTF-8-BOM" -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    text.getBytes(StandardCharsets.UTF_8));
            case "UTF-16LE" -> text.getBytes(StandardCharsets.UTF_16LE);
            case "UTF-16LE-BOM" -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
            case "UTF-16BE" -> text.getBytes(StandardCharsets.UTF_16BE);
            case "UTF-16BE-BOM" -> concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
            case "CP949" -> text.getBytes(Charset.forName("x-windows-949"));
            case "windows-1252" -> text.getBytes(Charset.forName("windows-1252"));
            default -> throw new IllegalArgumentException(encoding);
        };
    }

    /**
     * The entry as the analyzer would open it: detected by {@link ContentDetector#standard()} and handed over
     * after its BOM.
     */
    public static ParseInput input(String path, Instant modified, byte[] bytes) {
        ContentDetector.Detection d = ContentDetector.standard().detect(path, head(bytes));
        return new ParseInput(path, modified, d.charset(),
                new ByteArrayInputStream(bytes, d.bomLength(), bytes.length - d.bomLength()));
    }

    /** The first {@link ContentDetector#SAMPLE_BYTES} bytes. */
    public static byte[] head(byte[] bytes) {
        return bytes.length <= ContentDetector.SAMPLE_BYTES ? bytes
                : java.util.Arrays.copyOf(bytes, ContentDetector.SAMPLE_BYTES);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
