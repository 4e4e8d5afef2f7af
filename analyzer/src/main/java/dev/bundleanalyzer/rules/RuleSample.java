package dev.bundleanalyzer.rules;

/**
 * A regression sample declared with a rule: a small file that the rule must find {@code expect} times
 * (0 for a near miss).
 *
 * @param name     what the sample shows
 * @param file     file name inside the sample bundle; its name and content decide the parser, as in real bundles
 * @param encoding how the text becomes bytes: a charset ({@code UTF-8}; {@code UTF-16LE} and {@code UTF-16BE} get a BOM), or {@code base64} for binary samples
 * @param text     the file's content
 * @param expect   how many matches the rule must count
 * @param severity the severity the finding must have when it differs from the rule's (a second threshold), or null
 */
public record RuleSample(String name, String file, String encoding, String text, int expect, Severity severity) {

    /** The sample file's bytes; Windows line ends, as the files come from Windows servers. */
    public byte[] bytes() {
        if (encoding.equalsIgnoreCase("base64")) {
            return java.util.Base64.getMimeDecoder().decode(text);
        }
        java.nio.charset.Charset charset = java.nio.charset.Charset.forName(encoding);
        String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
        String bom = encoding.toUpperCase(java.util.Locale.ROOT).startsWith("UTF-16") ? "\uFEFF" : "";
        return (bom + crlf).getBytes(charset);
    }
}
