package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.index.QueryRecorder;
import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.Group;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * FATAL and CRITICAL trace lines that no other rule explains, grouped by message template (numbers, codes,
 * GUIDs and paths replaced by placeholders), the {@code top} most frequent shown with an example each.
 */
public final class FatalTraceCheck implements BuiltinCheck {

    /** Lines read at most to group them; the count stays exact beyond it. */
    static final int MAX_LINES = 100_000;

    private static final Pattern GUID = Pattern.compile("\\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9A-Fa-f]+\\b|\\[[0-9A-Fa-f]{8,16}\\]");
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:|\\\\\\\\)[\\\\/][^\\s'\"]*");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");
    private static final Query FATAL;

    static {
        try {
            FATAL = BundleIndex.parse("level:(fatal OR critical)");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public String name() {
        return "fatal-trace";
    }

    @Override
    public List<QueryRecorder.Demand> demands(RuleMatch.Builtin match, List<Rule> rules) {
        return List.of(QueryRecorder.Demand.earliest(unexplained(rules), MAX_LINES));
    }

    /** Fatal and critical lines that match no event rule. */
    private static Query unexplained(List<Rule> rules) {
        BooleanQuery.Builder unexplained = new BooleanQuery.Builder().add(FATAL, BooleanClause.Occur.MUST);
        for (Rule rule : rules) {
            if (rule.match() instanceof RuleMatch.Events events) {
                unexplained.add(events.query(), BooleanClause.Occur.MUST_NOT);
            }
        }
        return unexplained.build();
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        if (!context.parsedKinds().contains("errlog")) {
            return Outcome.notEvaluated();
        }
        Query query = unexplained(context.rules());
        try {
            int total = context.index().count(query);
            if (total == 0) {
                return Outcome.clear();
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, Evidence> examples = new LinkedHashMap<>();
            context.index().forEach(query, MAX_LINES, hit -> {
                String template = template(hit.message() != null ? hit.message() : hit.raw());
                counts.merge(template, 1L, Long::sum);
                examples.putIfAbsent(template, new Evidence(hit.file(), hit.line(), hit.record(), hit.time(), hit.raw()));
            });
            int top = (int) match.number("top");
            List<Group> groups = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(top)
                    .map(e -> new Group(e.getKey(), e.getValue()))
                    .toList();
            List<Evidence> evidence = new ArrayList<>();
            groups.forEach(g -> evidence.add(examples.get(g.value())));
            return Outcome.fired(evidence).withCount(total).withGroups(groups);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String template(String message) {
        String t = GUID.matcher(message).replaceAll("<guid>");
        t = HEX.matcher(t).replaceAll("<hex>");
        t = PATH.matcher(t).replaceAll("<path>");
        t = NUMBER.matcher(t).replaceAll("<n>");
        t = t.strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
