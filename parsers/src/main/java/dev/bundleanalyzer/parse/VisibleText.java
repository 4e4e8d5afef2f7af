package dev.bundleanalyzer.parse;

/**
 * Makes invisible direction controls visible. U+202A..U+202E and U+2066..U+2069 reorder how the text around
 * them is displayed, so a file name or log line could show something other than what it holds ("Trojan
 * Source"). Legitimate right-to-left text does not need them; they are shown as {@code <U+202E>}.
 */
public final class VisibleText {

    private VisibleText() {
    }

    /** {@code text} with every direction control written out; the same instance when it has none. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        int first = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isDirectionControl(text.charAt(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isDirectionControl(c)) {
                out.append("<U+").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append('>');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isDirectionControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
