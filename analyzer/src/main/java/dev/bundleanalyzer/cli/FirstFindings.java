package dev.bundleanalyzer.cli;

import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.parse.VisibleText;
import dev.bundleanalyzer.index.QueryRecorder;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleMatch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * Announces each event rule on stderr the moment its first matching line is read, so that on a bundle of
 * gigabytes the engineer sees the diagnosis coming long before the report is written. The report stays the
 * reference: it counts every match and orders the evidence by time.
 */
final class FirstFindings implements java.util.function.Consumer<QueryRecorder.Match> {

    private final Map<Query, List<Rule>> rulesByQuery = new HashMap<>();
    private final PrintWriter err;
    private final long started = System.nanoTime();

    FirstFindings(List<Rule> rules, PrintWriter err) {
        this.err = err;
        for (Rule rule : rules) {
            if (rule.match() instanceof RuleMatch.Events events) {
                rulesByQuery.computeIfAbsent(events.query(), q -> new ArrayList<>()).add(rule);
            }
        }
    }

    @Override
    public void accept(QueryRecorder.Match match) {
        List<Rule> rules = rulesByQuery.get(match.query());
        if (rules == null) {
            return; // a built-in check's query: whether it fires is decided at the end
        }
        BundleIndex.Hit hit = match.hit();
        String where = hit.record() != null ? hit.file() + " record " + hit.record() : hit.file() + ":" + hit.line();
        // an entry name is the customer's: no escape sequence of it reaches the terminal
        where = VisibleText.of(where).codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        double seconds = (System.nanoTime() - started) / 1e9;
        synchronized (err) {
            for (Rule rule : rules) {
                err.printf(Locale.ROOT, "found %-8s %s at %s (%.1f s)%n", rule.severity().name().toLowerCase(Locale.ROOT),
                        rule.id(), where, seconds);
            }
            err.flush();
        }
    }
}
