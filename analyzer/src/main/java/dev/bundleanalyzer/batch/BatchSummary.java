package dev.bundleanalyzer.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bundleanalyzer.analysis.BundleAnalyzer;
import dev.bundleanalyzer.report.HtmlReportWriter;
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overview of every bundle in the store, whichever run analyzed it: {@code summary.json} for automation and
 * {@code index.html} in the report's look. Per bundle its host, dates, worst severity and top findings; per rule
 * the bundles where it fired; per day (of the bundle's arrival on the share, UTC) how many came and how they fared.
 */
public final class BatchSummary {

    static final int TOP_FINDINGS = 5;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** One bundle's line. {@code report} is the path of its report.html relative to the output folder, or null. */
    public record BundleRow(String name, String sha256, String source, long size, Instant modified, String status,
                     String reason, String host, String worst, Instant analyzedAt, Instant dataFrom, Instant dataTo,
                     String report, int findingCount, List<TopFinding> findings) {
    }

    public record TopFinding(String rule, String severity, String title, long count) {
    }

    /** A rule and the bundles where it fired. */
    public record RuleRow(String rule, String severity, String title, List<BundleRef> bundles) {
    }

    public record BundleRef(String name, String sha256, String host, String report) {
    }

    /** Bundles that arrived on one day (UTC), by their worst severity. */
    public record DayRow(LocalDate day, int bundles, int failed, int critical, int error, int warning, int info, int clean) {
    }

    public record Summary(Instant generatedAt, String analyzerVersion, int bundleCount, int failedCount,
                   List<BundleRow> bundles, List<RuleRow> rules, List<DayRow> days) {
    }

    private final ReportStore store;

    BatchSummary(ReportStore store) {
        this.store = store;
    }

    void write(String lang) throws IOException {
        Summary summary = build(store.all(), lang);
        Path json = store.dir().resolve("summary.json");
        Path tmp = store.dir().resolve(".summary.json.tmp");
        JSON.writeValue(tmp.toFile(), summary);
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("summary", summary);
        model.put("generatedAt", TIME.format(summary.generatedAt()));
        List<BundleView> views = new ArrayList<>();
        for (BundleRow b : summary.bundles()) {
            views.add(new BundleView(b, TIME.format(b.modified()), b.dataTo() == null ? "\u2014"
                    : TIME.format(b.dataFrom()) + " \u2013 " + TIME.format(b.dataTo()),
                    String.format(Locale.ROOT, "%.1f MB", b.size() / 1048576.0)));
        }
        model.put("bundles", views);
        try {
            new HtmlReportWriter().writePage("batch.ftlh", model, lang, store.dir().resolve("index.html"));
        } catch (RuntimeException e) {
            throw new IOException("cannot write index.html: " + e.getMessage(), e);
        }
    }

    /** A bundle's line with its times and size written for people. */
    public record BundleView(BundleRow row, String arrived, String covers, String size) {
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static Summary build(List<ReportStore.Stored> stored, String lang) {
        List<BundleRow> bundles = new ArrayList<>();
        Map<String, RuleRow> rules = new TreeMap<>();
        Map<LocalDate, int[]> days = new TreeMap<>(Comparator.reverseOrder());
        for (ReportStore.Stored s : stored) {
            StoredBundle b = s.bundle();
            String report = b.failed() ? null : s.folder().getFileName() + "/report.html";
            List<TopFinding> top = new ArrayList<>();
            for (StoredBundle.FindingLine f : b.findings()) {
                if (top.size() < TOP_FINDINGS) {
                    top.add(new TopFinding(f.rule(), f.severity(), f.title(lang), f.count()));
                }
                rules.computeIfAbsent(f.rule(), r -> new RuleRow(r, f.severity(), f.title(lang), new ArrayList<>()))
                        .bundles().add(new BundleRef(b.name(), b.sha256(), b.host(), report));
            }
            bundles.add(new BundleRow(b.name(), b.sha256(), b.source(), b.size(), b.modified(), b.status(), b.reason(),
                    b.host(), b.worst(), b.analyzedAt(), b.dataFrom(), b.dataTo(), report, b.findings().size(), top));
            int[] day = days.computeIfAbsent(LocalDate.ofInstant(b.modified(), ZoneOffset.UTC), d -> new int[7]);
            day[0]++;
            day[b.failed() ? 1 : b.worst() == null ? 6 : 2 + (3 - Severity.valueOf(b.worst().toUpperCase(Locale.ROOT))
                    .ordinal())]++;
        }
        bundles.sort(Comparator.comparing(BundleRow::modified).reversed().thenComparing(BundleRow::name));
        List<RuleRow> byRule = new ArrayList<>(rules.values());
        byRule.sort(Comparator.comparing((RuleRow r) -> Severity.valueOf(r.severity().toUpperCase(Locale.ROOT)))
                .reversed().thenComparing(r -> -r.bundles().size()).thenComparing(RuleRow::rule));
        List<DayRow> dayRows = new ArrayList<>();
        days.forEach((d, n) -> dayRows.add(new DayRow(d, n[0], n[1], n[2], n[3], n[4], n[5], n[6])));
        int failed = (int) bundles.stream().filter(r -> StoredBundle.FAILED.equals(r.status())).count();
        return new Summary(Instant.now(), BundleAnalyzer.version(), bundles.size(), failed, bundles, byRule, dayRows);
    }
}
