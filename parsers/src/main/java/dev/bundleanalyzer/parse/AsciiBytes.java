package dev.bundleanalyzer.parse;

/**
 * ASCII bytes read as chars, without decoding them: lets the scanners of text ({@link LiteralScanner},
 * {@link ErrorCodes}) read a line a parser has not decoded. The view is moved from line to line with {@link #of}
 * rather than made anew; not thread-safe.
 */
public final class AsciiBytes implements CharSequence {

    private byte[] bytes = new byte[0];
    private int from;
    private int length;

    /** Points this view at {@code bytes[from, to)}, which must be ASCII; returns it. */
    public AsciiBytes of(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.length = to - from;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) bytes[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(bytes, from, length, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
