package dev.bundleanalyzer.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** The files of one report folder: report.html, findings.json and summary.md, as asked. */
public final class ReportFiles {

    public static final String HTML = "html";
    public static final String JSON = "json";
    public static final String MD = "md";
    public static final Set<String> ALL = Set.of(HTML, JSON, MD);

    private ReportFiles() {
    }

    /** Writes the formats named in {@code formats} ({@link #HTML}, {@link #JSON}, {@link #MD}) into {@code dir}. */
    public static void write(AnalysisReport report, String lang, Set<String> formats, Path dir) throws IOException {
        if (formats.contains(HTML)) {
            new HtmlReportWriter().write(report, lang, dir.resolve("report.html"));
        }
        if (formats.contains(JSON)) {
            new JsonReportWriter().write(report, lang, dir.resolve("findings.json"));
        }
        if (formats.contains(MD)) {
            new MarkdownReportWriter().write(report, lang, dir.resolve("summary.md"));
        }
    }
}
