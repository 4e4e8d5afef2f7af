package dev.bundleanalyzer.detect;

import java.nio.charset.Charset;

/**
 * What a detector sees of an entry: its name and its first bytes, plus those bytes decoded when the
 * entry is text.
 *
 * @param name    file name (last path segment) of the entry
 * @param head    the first bytes of the entry (up to {@link ContentDetector#SAMPLE_BYTES}), BOM included
 * @param charset detected charset, or {@code null} when the bytes are not text
 * @param text    the head decoded with {@code charset}, BOM removed, or {@code ""} for binary content
 */
public record ContentSample(String name, byte[] head, Charset charset, String text) {

    public boolean isText() {
        return charset != null;
    }
}
