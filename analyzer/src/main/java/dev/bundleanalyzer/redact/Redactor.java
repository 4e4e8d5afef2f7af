package dev.bundleanalyzer.redact;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.bundleanalyzer.parse.LiteralScanner;

/**
 * Removes from text what must not reach a ticket: private keys, certificates and other long base64 blobs (vault
 * credentials carry a management certificate), SAS signatures, bearer tokens and JWTs, storage account keys,
 * passwords and passphrases in connection strings, command lines and key/value dumps, and passwords in URLs.
 * Each is replaced by a marker naming what was there ({@code [REDACTED:password]}), so the line still reads and
 * the rule that quotes it still makes sense; the names around the value (the parameter, the key) stay.
 *
 * <p>Applied to every record before it is indexed, so nothing downstream (index, HTML, JSON, Markdown) ever sees
 * the value. Counts what it replaced, by kind. Thread-safe.
 */
public final class Redactor {

    /** What a redacted value was; the marker shows the label. */
    public enum Kind {
        PRIVATE_KEY("private-key"),
        CERTIFICATE("certificate"),
        SAS_SIGNATURE("sas-signature"),
        BEARER_TOKEN("token"),
        ACCOUNT_KEY("account-key"),
        PASSWORD("password"),
        URL_PASSWORD("url-password"),
        BASE64_BLOB("base64");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        String marker() {
            return "[REDACTED:" + label + "]";
        }
    }

    // a PowerShell variable ($pass) or the next parameter (-Force) after a secret's parameter is no secret

    /**
     * One rule: where the secret is (group {@code v}), what it is, and lower-case words one of which the text must
     * hold, ignoring case, for the pattern to be worth running (most records hold none: redaction runs on every
     * record).
     */
    private record Rule(Kind kind, Pattern pattern, String... triggers) {
    }

    private static final int BASE64_RUN = 120;
    private static final boolean[] BASE64 = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            BASE64[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        }
    }

    private static final String[] NAME_TRIGGERS = {"pass", "pwd", "secret", "key", "token", "pin"};

    private static final String SECRET_NAMES = "password|passwd|pwd|passphrase|encryptionpassphrase|securepassphrase"
            + "|secret|client_?secret|secretkey|api_?key|access_?key|token|access_?token|refresh_?token|pin";

    /** Order matters: whole blocks first, so a key inside a PEM block is not matched piecemeal. */
    private static final List<Rule> RULES = List.of(
            new Rule(Kind.PRIVATE_KEY, Pattern.compile(
                    "(?<v>-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\\z))",
                    Pattern.DOTALL), "-----begin"),
            new Rule(Kind.CERTIFICATE, Pattern.compile(
                    "(?<v>-----BEGIN CERTIFICATE-----.*?(?:-----END CERTIFICATE-----|\\z))", Pattern.DOTALL),
                    "-----begin"),
            // vault credentials and similar XML: <ManagementCert>MIIK...</ManagementCert>, <Key>...</Key>; an event's
            // <Keywords>0x8080000000000000</Keywords> and <Keyword>Audit Success</Keyword> are not secrets
            new Rule(Kind.CERTIFICATE, Pattern.compile(
                    "(?i)<(?<tag>(?!(?:\\w+:)?keywords?[\\s>])[\\w:]*(?:cert|certificate|key|secret|password|passphrase)"
                            + "[\\w:]*)(?:\\s[^>]*)?>"
                            + "(?<v>[^<]{8,})</\\k<tag>>"), "</"),
            new Rule(Kind.SAS_SIGNATURE, Pattern.compile("(?i)(?<![\\w])sig=(?<v>[A-Za-z0-9%+/=_-]{8,})"), "sig="),
            new Rule(Kind.BEARER_TOKEN, Pattern.compile("(?i)\\bbearer\\s+(?<v>[A-Za-z0-9\\-._~+/]{8,}=*)"), "bearer"),
            new Rule(Kind.BEARER_TOKEN, Pattern.compile(
                    "(?<v>\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})"), "eyj"),
            new Rule(Kind.ACCOUNT_KEY, Pattern.compile(
                    "(?i)\\b(?:accountkey|sharedaccesskey|storageaccountkey|primarykey|secondarykey)\\s*[=:]\\s*"
                            + "(?<v>[A-Za-z0-9+/]{16,}={0,2})"), "key"),
            // user:password@host in a URL (proxy settings, connection strings)
            new Rule(Kind.URL_PASSWORD, Pattern.compile(
                    "(?i)\\b[a-z][a-z0-9+.-]*://[^\\s:/@]+:(?<v>[^\\s@/]+)@"), "://"),
            // key=value, key: value, "key": "value" (connection strings, dumps, JSON, INI)
            new Rule(Kind.PASSWORD, Pattern.compile(
                    "(?i)(?<![\\w-])\"?(?:" + SECRET_NAMES + ")\"?\\s*[=:]\\s*"
                            + "(?<v>\"[^\"\\r\\n]+\"|'[^'\\r\\n]+'|[^\\s;,&\"'<>\\r\\n]+)"), NAME_TRIGGERS),
            // command lines: -Password x, -EncryptionPassphrase "x", /password:x, /p:x, ConvertTo-SecureString x
            new Rule(Kind.PASSWORD, Pattern.compile(
                    "(?i)(?<![\\w])[-/](?:" + SECRET_NAMES + ")(?::|\\s+)(?![-$])"
                            + "(?<v>\"[^\"\\r\\n]+\"|'[^'\\r\\n]+'|[^\\s\"';]+)"), NAME_TRIGGERS),
            new Rule(Kind.PASSWORD, Pattern.compile(
                    "(?i)\\bConvertTo-SecureString\\s+(?:-String\\s+)?(?<v>\"[^\"\\r\\n]+\"|'[^'\\r\\n]+'|[^\\s-][^\\s]*)"), "securestring"),
            // long base64 runs (certificates, keys, serialized credentials) that no rule needs to read
            new Rule(Kind.BASE64_BLOB, Pattern.compile(
                    "(?<v>(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{" + BASE64_RUN + ",}={0,2})")));

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

    /** Every trigger word, found in a text in one pass rather than one search each. */
    private static final List<String> TRIGGERS = RULES.stream().flatMap(r -> java.util.Arrays.stream(r.triggers()))
            .distinct().toList();
    private static final LiteralScanner TRIGGER_SCANNER = new LiteralScanner(TRIGGERS);
    private static final int WORDS = Math.max(1, (TRIGGERS.size() + 63) >>> 6);
    /** The bits of each rule's triggers, in the order of {@link #RULES}; null for a rule without. */
    private static final long[][] TRIGGER_BITS = RULES.stream().map(r -> {
        if (r.triggers().length == 0) {
            return null;
        }
        long[] bits = new long[WORDS];
        for (String t : r.triggers()) {
            int id = TRIGGERS.indexOf(t);
            bits[id >>> 6] |= 1L << id;
        }
        return bits;
    }).toArray(long[][]::new);
    private static final ThreadLocal<long[]> FOUND = ThreadLocal.withInitial(() -> new long[WORDS]);

    private static final Redactor OFF = new Redactor(false);

    private final boolean enabled;
    private final AtomicLongArray counts = new AtomicLongArray(Kind.values().length);

    private Redactor(boolean enabled) {
        this.enabled = enabled;
    }

    /** A redactor that redacts (the default of every analysis). */
    public static Redactor standard() {
        return new Redactor(true);
    }

    /** A redactor that leaves text as it is ({@code --no-redact}). */
    public static Redactor off() {
        return OFF;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The text with every secret replaced by its marker; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (!enabled || text == null || text.isEmpty()) {
            return text;
        }
        long[] found = FOUND.get();
        TRIGGER_SCANNER.scan(text, found);
        boolean longRun = hasBase64Run(text);
        String out = text;
        for (int i = 0; i < RULES.size(); i++) {
            Rule rule = RULES.get(i);
            if (rule.kind() == Kind.BASE64_BLOB ? longRun : worthTrying(TRIGGER_BITS[i], found)) {
                out = apply(rule, out);
            }
        }
        return out;
    }

    /** Whether the text holds a trigger of the rule (or the rule has none): most records hold none. */
    private static boolean worthTrying(long[] triggers, long[] found) {
        if (triggers == null) {
            return true;
        }
        for (int w = 0; w < triggers.length; w++) {
            if ((triggers[w] & found[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text holds a run of base64 characters as long as {@link Kind#BASE64_BLOB} asks. */
    private static boolean hasBase64Run(String text) {
        // a run of BASE64_RUN chars covers one of every BASE64_RUN positions: look at those, and around a hit only
        int n = text.length();
        for (int probe = BASE64_RUN - 1; probe < n; probe += BASE64_RUN) {
            if (!isBase64(text.charAt(probe))) {
                continue;
            }
            int start = probe;
            while (start > 0 && isBase64(text.charAt(start - 1))) {
                start--;
            }
            int end = probe + 1;
            while (end < n && isBase64(text.charAt(end)) && end - start < BASE64_RUN) {
                end++;
            }
            if (end - start >= BASE64_RUN) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBase64(char c) {
        return c < 128 && BASE64[c];
    }

    private String apply(Rule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        int n = 0;
        do {
            String value = m.group("v");
            if (value.startsWith("[REDACTED:") || (rule.kind() == Kind.BASE64_BLOB && HEX.matcher(value).matches())) {
                continue; // already replaced by an earlier rule; or event binary data in hex, which is no secret
            }
            sb.append(text, last, m.start("v")).append(rule.kind().marker());
            last = m.end("v");
            n++;
        } while (m.find());
        if (n == 0) {
            return text;
        }
        sb.append(text, last, text.length());
        counts.addAndGet(rule.kind().ordinal(), n);
        return sb.toString();
    }

    /** Values replaced so far, by kind (only kinds with a count). */
    public Map<Kind, Long> counts() {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            long c = counts.get(k.ordinal());
            if (c > 0) {
                out.put(k, c);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** All values replaced so far. */
    public long total() {
        long sum = 0;
        for (int i = 0; i < counts.length(); i++) {
            sum += counts.get(i);
        }
        return sum;
    }
}
