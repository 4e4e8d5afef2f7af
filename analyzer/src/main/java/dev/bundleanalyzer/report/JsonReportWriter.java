package dev.bundleanalyzer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Finding;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.NotEvaluated;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes {@code findings.json}, the report for automation. Field names are a contract (see README):
 * {@code bundle}, {@code findings}, {@code notEvaluated}, {@code inventory}; texts in the report's language.
 * A finding's {@code more} is how many matches its evidence does not list; a piece of evidence has
 * {@code context} ({@code before} and {@code after}, each a list of {@code line}/{@code text}) when the index holds
 * lines of its file around it.
 */
public final class JsonReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(AnalysisReport report, String lang, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            JSON.writeValue(out, toJson(report, lang));
        }
    }

    public ObjectNode toJson(AnalysisReport report, String lang) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("analyzerVersion", report.analyzerVersion());
        root.put("lang", lang);
        BundleInfo b = report.bundle();
        ObjectNode bundle = root.putObject("bundle");
        bundle.put("path", b.path());
        bundle.put("name", b.name());
        bundle.put("size", b.size());
        bundle.put("sha256", b.sha256());
        bundle.put("analyzedAt", b.analyzedAt().toString());
        bundle.put("elapsedMs", b.elapsed().toMillis());
        ObjectNode machine = root.putObject("machine");
        report.machine().forEach(machine::put);
        ObjectNode range = root.putObject("timeRange");
        range.put("from", time(report.timeFrom()));
        range.put("to", time(report.timeTo()));
        root.put("events", report.events());

        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("rule", f.rule());
            node.put("severity", f.severity().label());
            node.put("title", f.title().get(lang));
            if (f.summary() != null) {
                node.put("summary", f.summary().get(lang));
            }
            node.put("count", f.count());
            node.put("more", f.more());
            node.put("first", time(f.first()));
            node.put("last", time(f.last()));
            texts(node.putArray("causes"), f.causes(), lang);
            texts(node.putArray("actions"), f.actions(), lang);
            ArrayNode refs = node.putArray("references");
            f.references().forEach(refs::add);
            if (!f.groups().isEmpty()) {
                ArrayNode groups = node.putArray("groups");
                f.groups().forEach(g -> groups.addObject().put("value", g.value()).put("count", g.count()));
            }
            if (!f.checklist().isEmpty()) {
                ArrayNode checklist = node.putArray("checklist");
                f.checklist().forEach(c -> checklist.addObject()
                        .put("item", c.name().get(lang))
                        .put("verdict", c.verdict().label())
                        .put("detail", c.detail() == null ? null : c.detail().get(lang)));
            }
            ArrayNode evidence = node.putArray("evidence");
            for (Evidence e : f.evidence()) {
                ObjectNode ev = evidence.addObject();
                ev.put("file", e.file());
                ev.put("line", e.line());
                if (e.record() != null) {
                    ev.put("record", e.record());
                }
                ev.put("time", time(e.time()));
                ev.put("text", e.text());
                if (!e.context().isEmpty()) {
                    ObjectNode context = ev.putObject("context");
                    contextLines(context.putArray("before"), e.context().before());
                    contextLines(context.putArray("after"), e.context().after());
                }
            }
        }
        ArrayNode notEvaluated = root.putArray("notEvaluated");
        for (NotEvaluated n : report.notEvaluated()) {
            ObjectNode node = notEvaluated.addObject();
            node.put("rule", n.rule());
            node.put("severity", n.severity().label());
            node.put("title", n.title().get(lang));
            node.put("missing", n.missing().get(lang));
        }
        ArrayNode inventory = root.putArray("inventory");
        for (InventoryItem i : report.inventory()) {
            ObjectNode node = inventory.addObject();
            node.put("path", i.path());
            node.put("kind", i.kind());
            node.put("charset", i.charset());
            node.put("bytes", i.bytes());
            node.put("records", i.records());
            node.put("status", i.status().label());
            node.put("reason", i.reason());
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    private static void contextLines(ArrayNode array, List<Evidence.ContextLine> lines) {
        lines.forEach(l -> array.addObject().put("line", l.line()).put("text", l.text()));
    }

    private static void texts(ArrayNode array, List<LocalizedText> texts, String lang) {
        texts.forEach(t -> array.add(t.get(lang)));
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
