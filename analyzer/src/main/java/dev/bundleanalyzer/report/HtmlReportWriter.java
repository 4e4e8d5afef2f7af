package dev.bundleanalyzer.report;

import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.NotEvaluated;
import dev.bundleanalyzer.rules.Severity;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders an {@link AnalysisReport} as one self-contained HTML page in English or Korean.
 *
 * <p>The page layout lives in {@code report.ftlh}; its labels in {@code messages_en.properties} and
 * {@code messages_ko.properties}. This class turns the report into values the template can print as they are
 * (formatted times, sizes, counts, texts in the report language), so the template holds no formatting logic.
 * The data model handed to the template:
 * <ul>
 *   <li>{@code report}: the {@link AnalysisReport} itself</li>
 *   <li>{@code lang}: {@code en} or {@code ko}</li>
 *   <li>{@code msg}: the message bundle of the language as a hash ({@code msg["finding.causes"]})</li>
 *   <li>{@code fmt}: a method formatting a message with arguments ({@code fmt("evidence.more", 12)})</li>
 *   <li>{@code sha256}: a method returning the base64 SHA-256 of a text (for the page's script hash)</li>
 *   <li>{@code header}: a {@link Header}</li>
 *   <li>{@code machine}: facts about the machine as {@link MachineFact label/value} pairs, known ones first</li>
 *   <li>{@code severities}: a {@link SeverityCount} for every severity, most severe first</li>
 *   <li>{@code timeline}: a {@link TimelineChart}, or missing when nothing in the bundle has a time</li>
 *   <li>{@code findings}, {@code notEvaluated}, {@code inventory}: lists of {@link FindingView},
 *       {@link NotEvaluatedView} and {@link InventoryRow}, in the report's order</li>
 *   <li>{@code statuses}: a {@link StatusCount} per inventory status (parsed, skipped, failed)</li>
 *   <li>{@code notes}: the report's notes</li>
 * </ul>
 * Every text from the bundle is escaped by the template's HTML output format; none is marked as markup here.
 *
 * <p>Instances are thread-safe; the FreeMarker configuration is built once per instance.
 */
public final class HtmlReportWriter {

    /** Languages a report can be written in. */
    public static final List<String> LANGUAGES = List.of("en", "ko");

    static final String TEMPLATE_DIR = "/dev/bundleanalyzer/templates";
    static final String TEMPLATE = "report.ftlh";
    static final String MESSAGES = "dev.bundleanalyzer.templates.messages";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String NONE = "\u2014";
    /** Ids the page itself uses; a rule ID never takes one of them. */
    private static final Set<String> PAGE_IDS = Set.of("top", "filter", "filter-input", "timeline", "timeline-h",
            "timeline-title", "timeline-desc", "findings", "findings-h", "not-evaluated", "not-evaluated-h", "inventory",
            "inventory-h", "notes", "notes-h");

    /** Labels of the machine facts shown first, in order, each with the fact keys it may come under. */
    private static final Map<String, List<String>> KNOWN_MACHINE_FACTS = knownMachineFacts();

    private final Configuration cfg;

    public HtmlReportWriter() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setClassForTemplateLoading(HtmlReportWriter.class, TEMPLATE_DIR);
        c.setRecognizeStandardFileExtensions(true);            // .ftlh -> HTML output format, auto-escaping
        c.setAutoEscapingPolicy(Configuration.ENABLE_IF_DEFAULT_AUTO_ESCAPING_POLICY);
        c.setDefaultEncoding(StandardCharsets.UTF_8.name());
        c.setOutputEncoding(StandardCharsets.UTF_8.name());
        c.setURLEscapingCharset(StandardCharsets.UTF_8.name());
        c.setTimeZone(java.util.TimeZone.getTimeZone(ZoneOffset.UTC));
        c.setNumberFormat("computer");
        c.setBooleanFormat("c");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setAttemptExceptionReporter((te, env) -> { });       // failures surface as exceptions, not log lines
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setAPIBuiltinEnabled(false);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        this.cfg = c;
    }

    /**
     * Writes the report for a language to a file (UTF-8); the file appears complete or not at all.
     *
     * @param lang {@code en} or {@code ko}
     * @throws IllegalArgumentException for any other language
     */
    public void write(AnalysisReport report, String lang, Path file) throws IOException {
        writeAtomically(template(), model(report, lang), lang, file);
    }

    /** Renders into a file beside {@code file} and moves it into place: a reader never sees half a page. */
    private static void writeAtomically(Template template, Map<String, Object> model, String lang, Path file)
            throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.toAbsolutePath()
                .resolveSibling("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                process(template, model, lang, out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Renders the report for a language as a string.
     *
     * @throws IllegalArgumentException for a language other than {@code en} or {@code ko}
     */
    public String render(AnalysisReport report, String lang) {
        Map<String, Object> model = model(report, lang);
        StringWriter out = new StringWriter(32 * 1024);
        try {
            process(template(), model, lang, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes another page in the report's look (the batch summary): {@code template} is rendered with
     * {@code model} plus what every page gets ({@code lang}, {@code msg}, {@code fmt}, {@code sha256}); the file
     * appears complete or not at all.
     */
    public void writePage(String template, Map<String, Object> model, String lang, Path file) throws IOException {
        Map<String, String> msg = messages(lang);
        Locale locale = locale(lang);
        Map<String, Object> m = new LinkedHashMap<>(model);
        m.put("lang", lang);
        m.put("msg", msg);
        m.put("fmt", (TemplateMethodModelEx) args -> format(msg, locale, args));
        m.put("sha256", (TemplateMethodModelEx) args -> sha256Base64(
                String.valueOf(DeepUnwrap.unwrap((TemplateModel) args.get(0)))));
        Template t = cfg.getTemplate(template, Locale.ROOT);
        if (t.getOutputFormat() != HTMLOutputFormat.INSTANCE || !t.getAutoEscaping()) {
            throw new IllegalStateException(template + " must be rendered with HTML auto-escaping");
        }
        writeAtomically(t, m, lang, file);
    }

    private Template template() throws IOException {
        Template t = cfg.getTemplate(TEMPLATE, Locale.ROOT);
        if (t.getOutputFormat() != HTMLOutputFormat.INSTANCE || !t.getAutoEscaping()) {
            throw new IllegalStateException(TEMPLATE + " must be rendered with HTML auto-escaping");
        }
        return t;
    }

    private static void process(Template template, Map<String, Object> model, String lang, Writer out)
            throws IOException {
        try {
            Environment env = template.createProcessingEnvironment(model, out);
            env.setLocale(locale(lang));
            env.process();
        } catch (TemplateException e) {
            throw new IllegalStateException("cannot render " + template.getName() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // data model

    /**
     * The bundle and run facts of the page header, formatted for display.
     *
     * @param title     the page title
     * @param timeRange {@code timeFrom – timeTo}, or a dash when the bundle held no timed event
     */
    public record Header(String title, String bundleName, String bundlePath, String size, String sha256,
                         String analyzedAt, String elapsed, String analyzerVersion,
                         String timeFrom, String timeTo, String timeRange, String events) {
    }

    /** One fact about the machine. */
    public record MachineFact(String label, String value) {
    }

    /** How many findings a severity has. */
    public record SeverityCount(String severity, String label, long count) {
    }

    /** How many inventory entries a status has. */
    public record StatusCount(String status, String label, long count) {
    }

    /** A reference of a finding; {@code href} is {@code null} when the reference is not an http(s) address. */
    public record Link(String text, String href) {
    }

    /**
     * One evidence row: where, when, what, and the lines around it.
     *
     * @param location {@code file:line}, {@code file record N} or the file alone
     * @param file     the file part of the location
     * @param at       the rest of it ({@code :line}, {@code  record N} or empty), kept on one line by the page
     * @param line     the evidence's line number, shown beside it when context lines are (else empty)
     * @param before   up to three lines of the same file before it
     * @param after    up to three lines after it
     */
    public record EvidenceRow(String location, String file, String at, String time, String text, String line,
                              List<ContextRow> before, List<ContextRow> after) {
    }

    /** A line of context around an evidence line: its number and its text, control characters made visible. */
    public record ContextRow(String line, String text) {
    }

    /**
     * A finding in the report language.
     *
     * @param anchor the HTML id (the rule ID), or {@code null} when another element already uses it
     * @param more   matches not listed as evidence
     */
    public record FindingView(String rule, String anchor, String severity, String severityLabel, String title,
                              String summary, List<String> causes, List<String> actions, List<Link> references,
                              String count, String first, String last, List<EvidenceRow> evidence, long more,
                              List<GroupRow> groups, List<CheckRow> checklist) {
    }

    /** Matches sharing one value (an error code, a message pattern). */
    public record GroupRow(String value, String count) {
    }

    /** A checklist item: what was checked, its verdict and what was seen, in the report language. */
    public record CheckRow(String name, String verdict, String verdictLabel, String detail) {
    }

    /** A rule that could not run, in the report language. */
    public record NotEvaluatedView(String rule, String anchor, String severity, String severityLabel,
                                   String title, String missing) {
    }

    /** One inventory line, formatted. */
    public record InventoryRow(String path, String kind, String charset, String size, String bytes,
                               String records, String status, String statusLabel, String reason) {
    }

    /** Builds the data model of the template; see the class comment for its names. */
    Map<String, Object> model(AnalysisReport report, String lang) {
        Objects.requireNonNull(report, "report");
        Locale locale = locale(lang);
        Map<String, String> msg = messages(lang);
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        Set<String> ids = new HashSet<>(PAGE_IDS);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report", report);
        m.put("lang", lang);
        m.put("msg", msg);
        m.put("fmt", (TemplateMethodModelEx) args -> format(msg, locale, args));
        m.put("sha256", (TemplateMethodModelEx) args -> {
            if (args.size() != 1) {
                throw new TemplateModelException("sha256 takes one argument");
            }
            return sha256Base64(String.valueOf(DeepUnwrap.unwrap((TemplateModel) args.get(0))));
        });
        m.put("header", header(report, msg, locale, numbers));
        m.put("machine", machine(report.machine(), msg));

        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (Finding f : report.findings()) {
            bySeverity.merge(f.severity(), 1L, Long::sum);
        }
        List<SeverityCount> severities = new ArrayList<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            severities.add(new SeverityCount(s.label(), msg.get("severity." + s.label()), bySeverity.getOrDefault(s, 0L)));
        }
        m.put("severities", severities);

        List<FindingView> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(finding(f, lang, msg, numbers, ids));
        }
        m.put("findings", findings);
        if (report.timeline() != null) {
            Map<String, String> anchors = new HashMap<>();
            findings.forEach(f -> {
                if (f.anchor() != null) {
                    anchors.putIfAbsent(f.rule(), f.anchor());
                }
            });
            m.put("timeline", TimelineChart.of(report.timeline(), lang, msg, locale, anchors));
        }

        List<NotEvaluatedView> notEvaluated = new ArrayList<>();
        for (NotEvaluated n : report.notEvaluated()) {
            notEvaluated.add(new NotEvaluatedView(n.rule(), anchor(n.rule(), ids), n.severity().label(),
                    msg.get("severity." + n.severity().label()), text(n.title(), lang), text(n.missing(), lang)));
        }
        m.put("notEvaluated", notEvaluated);

        Map<InventoryItem.Status, Long> byStatus = new EnumMap<>(InventoryItem.Status.class);
        List<InventoryRow> inventory = new ArrayList<>();
        for (InventoryItem item : report.inventory()) {
            byStatus.merge(item.status(), 1L, Long::sum);
            inventory.add(inventoryRow(item, msg, numbers));
        }
        List<StatusCount> statuses = new ArrayList<>();
        for (InventoryItem.Status s : InventoryItem.Status.values()) {
            statuses.add(new StatusCount(s.label(), msg.get("status." + s.label()), byStatus.getOrDefault(s, 0L)));
        }
        m.put("inventory", inventory);
        m.put("statuses", statuses);
        m.put("notes", report.notes());
        return m;
    }

    private static Header header(AnalysisReport report, Map<String, String> msg, Locale locale, NumberFormat numbers) {
        BundleInfo b = report.bundle();
        String name = b == null ? NONE : orNone(b.name());
        String size = b == null ? NONE
                : MessageFormat.format(msg.get("size.exact"), humanSize(b.size()), numbers.format(b.size()));
        return new Header(
                MessageFormat.format(msg.get("page.title"), name),
                name,
                b == null ? NONE : orNone(b.path()),
                size,
                b == null ? NONE : orNone(b.sha256()),
                b == null ? NONE : time(b.analyzedAt()),
                b == null ? NONE : duration(b.elapsed(), msg, locale),
                orNone(report.analyzerVersion()),
                time(report.timeFrom()),
                time(report.timeTo()),
                report.timeFrom() == null && report.timeTo() == null ? NONE
                        : time(report.timeFrom()) + " \u2013 " + time(report.timeTo()),
                numbers.format(report.events()));
    }

    private static List<MachineFact> machine(Map<String, String> facts, Map<String, String> msg) {
        Map<String, String> rest = new TreeMap<>(facts);
        List<MachineFact> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> known : KNOWN_MACHINE_FACTS.entrySet()) {
            for (String key : known.getValue()) {
                String value = rest.remove(key);
                if (value != null && !value.isBlank()) {
                    out.add(new MachineFact(msg.get(known.getKey()), value));
                    break;
                }
            }
        }
        rest.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                out.add(new MachineFact(k, v));
            }
        });
        return out;
    }

    private static FindingView finding(Finding f, String lang, Map<String, String> msg, NumberFormat numbers,
                                       Set<String> ids) {
        List<String> causes = f.causes().stream().map(t -> text(t, lang)).toList();
        List<String> actions = f.actions().stream().map(t -> text(t, lang)).toList();
        List<Link> refs = f.references().stream().map(HtmlReportWriter::link).toList();
        List<EvidenceRow> evidence = new ArrayList<>();
        for (Evidence e : f.evidence()) {
            String location = location(e, msg);
            String file = e.file() == null ? NONE : e.file();
            String at = location.startsWith(file) ? location.substring(file.length()) : "";
            List<ContextRow> before = contextRows(e.context().before());
            List<ContextRow> after = contextRows(e.context().after());
            evidence.add(new EvidenceRow(location, location.startsWith(file) ? file : location, at, time(e.time()),
                    printable(e.text()), e.context().isEmpty() ? "" : Long.toString(e.line()), before, after));
        }
        long more = f.more();
        List<GroupRow> groups = f.groups().stream()
                .map(g -> new GroupRow(printable(g.value()), numbers.format(g.count()))).toList();
        List<CheckRow> checklist = f.checklist().stream()
                .map(c -> new CheckRow(text(c.name(), lang), c.verdict().label(), msg.get("verdict." + c.verdict().label()),
                        c.detail() == null ? "" : text(c.detail(), lang)))
                .toList();
        return new FindingView(f.rule(), anchor(f.rule(), ids), f.severity().label(),
                msg.get("severity." + f.severity().label()), text(f.title(), lang), text(f.summary(), lang),
                causes, actions, refs, numbers.format(f.count()), time(f.first()), time(f.last()), evidence, more,
                groups, checklist);
    }

    private static List<ContextRow> contextRows(List<Evidence.ContextLine> lines) {
        return lines.stream().map(l -> new ContextRow(Long.toString(l.line()), printable(l.text()))).toList();
    }

    private static InventoryRow inventoryRow(InventoryItem item, Map<String, String> msg, NumberFormat numbers) {
        return new InventoryRow(orNone(item.path()), orNone(item.kind()), orNone(item.charset()),
                item.bytes() < 0 ? NONE : humanSize(item.bytes()),
                item.bytes() < 0 ? "" : numbers.format(item.bytes()),
                numbers.format(item.records()), item.status().label(), msg.get("status." + item.status().label()),
                item.reason() == null ? "" : item.reason());
    }

    /** {@code file:line}, {@code file record N} or the file alone. */
    static String location(Evidence e, Map<String, String> msg) {
        String file = e.file() == null ? NONE : e.file();
        if (e.record() != null) {
            return file + " " + MessageFormat.format(msg.get("evidence.record"), Long.toString(e.record()));
        }
        return e.line() > 0 ? file + ":" + e.line() : file;
    }

    /** A reference becomes a link only when it is an http(s) address; anything else is shown as text. */
    static Link link(String reference) {
        String r = reference == null ? "" : reference.strip();
        String lower = r.toLowerCase(Locale.ROOT);
        boolean web = (lower.startsWith("https://") || lower.startsWith("http://"))
                && r.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`');
        return new Link(r, web ? r : null);
    }

    /** A unique HTML id for a rule ID (white space made into dashes), or {@code null} when already used. */
    private static String anchor(String rule, Set<String> used) {
        if (rule == null || rule.isBlank()) {
            return null;
        }
        String id = rule.strip().replaceAll("\\s+", "-");
        return used.add(id) ? id : null;
    }

    private static String text(LocalizedText t, String lang) {
        return t == null ? "" : t.get(lang);
    }

    /** {@code 2026-10-21 21:02:21Z}, or a dash for an unknown time. */
    static String time(Instant t) {
        return t == null ? NONE : TIME.format(t);
    }

    /** Sizes in binary units as Windows shows them: {@code 980 B}, {@code 12.3 KB}, {@code 1.5 GB}. */
    static String humanSize(long bytes) {
        if (bytes < 0) {
            return NONE;
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    static String duration(Duration d, Map<String, String> msg, Locale locale) {
        if (d == null) {
            return NONE;
        }
        long millis = Math.max(0, d.toMillis());
        if (millis < 60_000) {
            String seconds = String.format(locale, "%.1f", millis / 1000.0);
            return MessageFormat.format(msg.get("duration.seconds"), seconds);
        }
        long totalSeconds = millis / 1000;
        if (totalSeconds < 3600) {
            return MessageFormat.format(msg.get("duration.minutes"),
                    Long.toString(totalSeconds / 60), Long.toString(totalSeconds % 60));
        }
        return MessageFormat.format(msg.get("duration.hours"),
                Long.toString(totalSeconds / 3600), Long.toString(totalSeconds % 3600 / 60));
    }

    /**
     * Makes control characters visible as {@code \x07} so a line shows as it was written; keeps tabs and line
     * breaks, and drops a carriage return before a line feed.
     */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean keep = c >= ' ' && c != 0x7F || c == '\t' || c == '\n';
            if (keep) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                continue;
            }
            b.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
        }
        return b == null ? s : b.toString();
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }

    // ---------------------------------------------------------------------------------------------------------
    // languages and messages

    static Locale locale(String lang) {
        if ("en".equals(lang)) {
            return Locale.ENGLISH;
        }
        if ("ko".equals(lang)) {
            return Locale.KOREAN;
        }
        throw new IllegalArgumentException("unknown report language '" + lang + "' (expected en or ko)");
    }

    /** The message bundle of a language as an unmodifiable map (no fallback to another language). */
    static Map<String, String> messages(String lang) {
        Locale locale = locale(lang);
        ResourceBundle rb;
        try {
            rb = ResourceBundle.getBundle(MESSAGES, locale, HtmlReportWriter.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("message bundle " + MESSAGES + " for '" + lang + "' is missing", e);
        }
        if (!locale.getLanguage().equals(rb.getLocale().getLanguage())) {
            throw new IllegalStateException("message bundle " + MESSAGES + "_" + lang + " is missing");
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : rb.keySet()) {
            out.put(key, rb.getString(key));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String format(Map<String, String> msg, Locale locale, List<?> args) throws TemplateModelException {
        if (args.isEmpty()) {
            throw new TemplateModelException("fmt needs a message key");
        }
        String key = String.valueOf(DeepUnwrap.unwrap((TemplateModel) args.get(0)));
        String pattern = msg.get(key);
        if (pattern == null) {
            throw new TemplateModelException("no message '" + key + "'");
        }
        Object[] values = new Object[args.size() - 1];
        for (int i = 1; i < args.size(); i++) {
            Object v = DeepUnwrap.unwrap((TemplateModel) args.get(i));
            values[i - 1] = v instanceof Number n ? NumberFormat.getIntegerInstance(locale).format(n) : String.valueOf(v);
        }
        return new MessageFormat(pattern, locale).format(values);
    }

    static String sha256Base64(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> knownMachineFacts() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("machine.host", List.of("host.name"));
        m.put("machine.os", List.of("os.name"));
        m.put("machine.osVersion", List.of("os.version"));
        m.put("machine.agent", List.of("agent.version"));
        m.put("machine.powershell", List.of("powershell.version"));
        m.put("machine.timezone", List.of("timezone.id"));
        return Collections.unmodifiableMap(m);
    }
}
