package dev.bundleanalyzer.rules;

import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A regression sample declared with a rule: a small bundle (usually one file) in which the rule must count
 * {@code expect} matches (0 for a near miss).
 *
 * @param name     what the sample shows
 * @param files    the files of the sample bundle; their names and content decide the parsers, as in real bundles
 * @param expect   how many matches the rule must count
 * @param severity the severity the finding must have when it differs from the rule's (a second threshold), or null
 */
public record RuleSample(String name, List<SampleFile> files, int expect, Severity severity) {

    /** When sample files were last modified unless they say otherwise (years of trace logs come from it). */
    public static final Instant DEFAULT_MODIFIED = Instant.parse("2026-10-22T06:30:00Z");

    public RuleSample {
        files = List.copyOf(files);
    }

    /** The name of the first file, which names the sample in listings. */
    public String file() {
        return files.get(0).file();
    }

    /**
     * One file of a sample.
     *
     * @param encoding how the text becomes bytes: a charset ({@code UTF-8}; {@code UTF-16LE} and {@code UTF-16BE}
     *                 get a BOM), or {@code base64} for binary samples
     * @param modified the file's modification time
     */
    public record SampleFile(String file, String encoding, String text, Instant modified) {

        /** The file's bytes; Windows line ends, as the files come from Windows servers. */
        public byte[] bytes() {
            if (encoding.equalsIgnoreCase("base64")) {
                return Base64.getMimeDecoder().decode(text);
            }
            Charset charset = Charset.forName(encoding);
            String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
            String bom = encoding.toUpperCase(Locale.ROOT).startsWith("UTF-16") ? "\uFEFF" : "";
            return (bom + crlf).getBytes(charset);
        }
    }
}
