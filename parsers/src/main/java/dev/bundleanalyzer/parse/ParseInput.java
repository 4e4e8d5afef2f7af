package dev.bundleanalyzer.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One file of a bundle, opened for a parser: its path, modification time, detected charset and content.
 * The stream starts after any byte-order mark and is read once.
 *
 * @param path     entry path inside the bundle (display form, never used as a file-system path)
 * @param modified modification time of the entry, or {@code null} when the archive has none
 * @param charset  detected charset of a text file; {@code null} for binary formats
 * @param content  the bytes after the byte-order mark
 * @param zone     the machine's time zone when the bundle tells it (for sources that write local times), or
 *                 {@code null}: such a parser then takes UTC, marks its times as assumed and says so in a note
 * @param text     the line limit of {@link #reader()}, which also records what reading left out
 */
public record ParseInput(String path, Instant modified, Charset charset, InputStream content, ZoneId zone,
                         TextLimits text) {

    public ParseInput {
        java.util.Objects.requireNonNull(text, "text");
    }

    public ParseInput(String path, Instant modified, Charset charset, InputStream content) {
        this(path, modified, charset, content, null);
    }

    public ParseInput(String path, Instant modified, Charset charset, InputStream content, ZoneId zone) {
        this(path, modified, charset, content, zone, TextLimits.standard());
    }

    /**
     * Line reader over the decoded text: malformed bytes become U+FFFD rather than failing the entry, and a line
     * longer than {@link TextLimits#maxLineChars()} is cut to that length (the cut is recorded in {@link #text()}).
     */
    public BufferedReader reader() {
        if (charset == null) {
            throw new IllegalStateException(path + " is binary; it has no text reader");
        }
        return new BoundedLineReader(new InputStreamReader(content, charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)), text);
    }

    /**
     * The lines of the text as bytes, for parsers that find their columns in the bytes: the content itself when its
     * charset keeps ASCII as ASCII bytes (UTF-8, Latin-1, windows-1252, CP949), otherwise the decoded text as UTF-8
     * (UTF-16). Malformed bytes and long lines are treated as by {@link #reader()} once the bytes are decoded.
     */
    public ByteLines lineBytes() {
        if (charset == null) {
            throw new IllegalStateException(path + " is binary; it has no lines");
        }
        if (keepsAsciiBytes(charset)) {
            return new ByteLines(content, charset, text);
        }
        return new ByteLines(new Utf8Stream(new InputStreamReader(content, charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE))), StandardCharsets.UTF_8, text);
    }

    /**
     * Whether every ASCII char is its own byte and no byte of another char is CR, LF, TAB, a space or below
     * {@code A}: the trail bytes of CP949 start at 0x41.
     */
    private static boolean keepsAsciiBytes(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1) || charset.name().equals("windows-1252")
                || charset.name().equals("x-windows-949");
    }

    public void close() throws IOException {
        content.close();
    }
}
