package dev.bundleanalyzer.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a reader as UTF-8 bytes: lets a byte-level parser read a text of any charset (UTF-16 captures of
 * PowerShell) with the one code that reads UTF-8. A char the encoder cannot take (a lone surrogate) becomes
 * {@code ?}. Not thread-safe.
 */
final class Utf8Stream extends InputStream {

    private final Reader reader;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(1 << 13);
    private final ByteBuffer bytes = ByteBuffer.allocate(3 << 13);
    private boolean ended;
    private boolean flushed;

    Utf8Stream(Reader reader) {
        this.reader = reader;
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!bytes.hasRemaining()) {
            if (!encodeMore()) {
                return -1;
            }
        }
        int n = Math.min(len, bytes.remaining());
        bytes.get(b, off, n);
        return n;
    }

    /** Encodes more chars into {@link #bytes}; false when all are read and encoded. */
    private boolean encodeMore() throws IOException {
        if (flushed) {
            return false;
        }
        bytes.clear();
        if (!ended) {
            chars.compact();
            int n = reader.read(chars);
            chars.flip();
            ended = n < 0;
        }
        CoderResult result = encoder.encode(chars, bytes, ended);
        if (result.isError()) {
            throw new IOException("cannot encode as UTF-8: " + result);
        }
        if (ended && !chars.hasRemaining()) {
            encoder.flush(bytes);
            flushed = true;
        }
        bytes.flip();
        return bytes.hasRemaining() || !flushed;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
