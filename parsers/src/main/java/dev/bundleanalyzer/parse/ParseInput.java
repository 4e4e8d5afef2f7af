package dev.bundleanalyzer.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
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

    public void close() throws IOException {
        content.close();
    }
}
