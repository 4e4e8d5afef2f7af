package dev.bundleanalyzer.eventlog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the readers of event-log exports share: level words of the languages Windows writes them in, the
 * channel a file name stands for, and the limits on the evidence text kept per record.
 */
final class EventLogs {

    /** The raw text kept for one record; longer records are cut here (their message is kept whole). */
    static final int MAX_RAW_CHARS = 64 * 1024;

    /** Level words, lower case, of English, German, Korean, French, Spanish and Japanese Windows. */
    private static final Map<String, String> LEVELS = new HashMap<>();

    static {
        level("Information", "information", "informational", "info", "informationen", "정보", "información",
                "情報");
        level("Warning", "warning", "warnung", "경고", "avertissement", "advertencia", "警告");
        level("Error", "error", "fehler", "오류", "erreur", "エラー");
        level("Critical", "critical", "kritisch", "위험", "critique", "crítico", "重大");
        level("Verbose", "verbose", "ausführlich", "자세한 정보", "commentaires", "detallado", "詳細");
    }

    private static void level(String normal, String... words) {
        for (String w : words) {
            LEVELS.put(w, normal);
        }
    }

    /** Classic logs whose export is named after them ({@code Application.csv}). */
    private static final Map<String, String> CLASSIC = new HashMap<>();

    static {
        for (String name : new String[] {"Application", "System", "Security", "Setup", "ForwardedEvents",
                "Windows PowerShell", "CloudBackup", "HardwareEvents", "Key Management Service"}) {
            CLASSIC.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    /** {@code CloudBackup-Operational}, {@code Microsoft-Windows-Backup_Admin}: a channel type after the log name. */
    private static final Pattern TYPED_CHANNEL =
            Pattern.compile("(.+?)[-_ ](Operational|Admin|Analytic|Debug|Diagnostic)", Pattern.CASE_INSENSITIVE);

    private EventLogs() {
    }

    /**
     * The level word in its English form ({@code Fehler} and {@code 오류} are {@code Error}); an unknown word is
     * kept as written; {@code null} for a blank one.
     */
    static String level(String word) {
        if (word == null) {
            return null;
        }
        String w = word.strip();
        if (w.isEmpty()) {
            return null;
        }
        String normal = LEVELS.get(w.toLowerCase(Locale.ROOT));
        return normal != null ? normal : w;
    }

    /** True for a level word of one of the known languages. */
    static boolean isLevelWord(String word) {
        return word != null && LEVELS.containsKey(word.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The word of an event's level number: 1 Critical, 2 Error, 3 Warning, 4 Information, 5 Verbose; 0 (log
     * always, as classic sources and audits write) is shown by Event Viewer as Information. Other numbers are
     * kept as digits.
     */
    static String levelOf(String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        return switch (number.strip()) {
            case "0", "4" -> "Information";
            case "1" -> "Critical";
            case "2" -> "Error";
            case "3" -> "Warning";
            case "5" -> "Verbose";
            default -> level(number);
        };
    }

    /**
     * The channel an export's file name stands for: {@code CloudBackup%4Operational.csv} (the name of the
     * {@code .evtx} file) and {@code CloudBackup-Operational.csv} are {@code CloudBackup/Operational};
     * {@code Application.csv} is {@code Application}; any other name stands for none ({@code null}).
     */
    static String channelFromFileName(String path) {
        if (path == null) {
            return null;
        }
        String name = lastSegment(path);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        name = name.strip();
        if (name.isEmpty()) {
            return null;
        }
        if (name.contains("%4")) {
            return name.replace("%4", "/");
        }
        Matcher m = TYPED_CHANNEL.matcher(name);
        if (m.matches()) {
            String type = m.group(2);
            return m.group(1) + "/" + Character.toUpperCase(type.charAt(0)) + type.substring(1).toLowerCase(Locale.ROOT);
        }
        return CLASSIC.get(name.toLowerCase(Locale.ROOT));
    }

    /** The last segment of an entry path ({@code /}, {@code \} and the {@code !} of nested archives). */
    static String lastSegment(String path) {
        int cut = Math.max(path.lastIndexOf('/'), Math.max(path.lastIndexOf('\\'), path.lastIndexOf('!')));
        return cut < 0 ? path : path.substring(cut + 1);
    }

    /** A GUID without the braces Windows puts around it; {@code null} for a blank or all-zero one. */
    static String guid(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        if (v.length() >= 2 && v.charAt(0) == '{' && v.charAt(v.length() - 1) == '}') {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v.equals("00000000-0000-0000-0000-000000000000") || v.isEmpty()) {
            return null;
        }
        return v;
    }

    /** The value stripped, or {@code null} when it is blank. */
    static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    /** An event ID (0 to 65535 as Windows shows them, or any int), or {@code null} when not a number. */
    static Integer eventId(String value) {
        String v = blankToNull(value);
        if (v == null || v.length() > 10 || !allDigits(v)) {
            return null;
        }
        long n = Long.parseLong(v);
        return n <= Integer.MAX_VALUE ? (int) n : null;
    }

    /** A record number, or {@code null} when not a number. */
    static Long recordId(String value) {
        String v = blankToNull(value);
        if (v == null || v.length() > 18 || !allDigits(v)) {
            return null;
        }
        return Long.parseLong(v);
    }

    static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The text cut to {@link #MAX_RAW_CHARS}, never between the two halves of a surrogate pair. */
    static String capRaw(CharSequence raw) {
        if (raw == null) {
            return null;
        }
        int n = raw.length();
        if (n <= MAX_RAW_CHARS) {
            return raw.toString();
        }
        int end = MAX_RAW_CHARS;
        if (Character.isHighSurrogate(raw.charAt(end - 1))) {
            end--;
        }
        return raw.subSequence(0, end).toString();
    }

    /** The text with CR LF and lone CR line ends written as LF. */
    static String unixLines(String s) {
        return unixLines(s, false);
    }

    /**
     * The text with CR LF and lone CR line ends written as LF and, when {@code dropLastEnd}, without its last
     * line end (one LF once they are written so); the same text when there is nothing to change. One pass, a new
     * text only when there is something to change.
     */
    static String unixLines(String s, boolean dropLastEnd) {
        if (s == null) {
            return null;
        }
        int end = s.length();
        if (dropLastEnd && end > 0) {
            char last = s.charAt(end - 1);
            if (last == '\n') {
                end -= end >= 2 && s.charAt(end - 2) == '\r' ? 2 : 1;
            } else if (last == '\r') {
                end--;
            }
        }
        int cr = s.indexOf('\r');
        if (cr < 0 || cr >= end) {
            return end == s.length() ? s : s.substring(0, end);
        }
        StringBuilder out = new StringBuilder(end);
        int from = 0;
        do {
            out.append(s, from, cr).append('\n');
            from = cr + 1 < end && s.charAt(cr + 1) == '\n' ? cr + 2 : cr + 1;
            cr = s.indexOf('\r', from);
        } while (cr >= 0 && cr < end);
        return out.append(s, from, end).toString();
    }
}
