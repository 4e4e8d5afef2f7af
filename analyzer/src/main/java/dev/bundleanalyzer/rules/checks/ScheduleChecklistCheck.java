package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.index.QueryRecorder;
import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.CheckItem;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.NotEvaluated;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scheduled backups that fail (the {@code failures} query) while backups succeed (the {@code successes} query)
 * within {@code windowDays} of each other: the schedule, not the agent, is broken. The finding carries the
 * schedule checklist: each rule of {@code checklist} (rule IDs, comma separated) with its own verdict.
 */
public final class ScheduleChecklistCheck implements BuiltinCheck {

    /** Runs of each kind read at most: a schedule shows its pattern in far fewer. */
    static final int MAX_RUNS = 1000;

    @Override
    public String name() {
        return "schedule-checklist";
    }

    @Override
    public boolean runsLast() {
        return true;
    }

    @Override
    public List<QueryRecorder.Demand> demands(RuleMatch.Builtin match, List<Rule> rules) {
        return List.of(QueryRecorder.Demand.earliest(match.query("failures"), MAX_RUNS),
                QueryRecorder.Demand.earliest(match.query("successes"), MAX_RUNS));
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        boolean events = context.parsedKinds().stream().anyMatch(k -> k.startsWith("eventlog") || k.equals("evtx"));
        if (!events && !context.parsedKinds().contains("errlog")) {
            return Outcome.notEvaluated();
        }
        List<BundleIndex.Hit> failures;
        List<BundleIndex.Hit> successes;
        try {
            failures = context.index().search(match.query("failures"), MAX_RUNS, false);
            successes = context.index().search(match.query("successes"), MAX_RUNS, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration window = Duration.ofDays((long) match.number("windowDays"));
        List<Evidence> evidence = new ArrayList<>();
        for (BundleIndex.Hit failure : failures) {
            for (BundleIndex.Hit success : successes) {
                if (failure.time() != null && success.time() != null
                        && Duration.between(failure.time(), success.time()).abs().compareTo(window) <= 0) {
                    evidence.add(evidence(failure));
                    evidence.add(evidence(success));
                    break;
                }
            }
            if (evidence.size() >= 20) {
                break;
            }
        }
        if (evidence.isEmpty()) {
            return Outcome.clear();
        }
        return Outcome.fired(evidence.stream().distinct().toList())
                .withCount(failures.size())
                .withChecklist(checklist(match.params().getOrDefault("checklist", ""), context));
    }

    private static List<CheckItem> checklist(String ids, RuleEngine.Context context) {
        List<CheckItem> items = new ArrayList<>();
        for (String id : ids.split(",")) {
            String rule = id.strip();
            if (rule.isEmpty()) {
                continue;
            }
            LocalizedText title = context.rules().stream().filter(r -> r.id().equals(rule)).map(Rule::title)
                    .findFirst().orElse(new LocalizedText(rule, rule));
            CheckItem.Verdict verdict = context.verdictOf(rule);
            LocalizedText detail = switch (verdict) {
                case FAILED -> new LocalizedText("see finding " + rule, "발견 사항 " + rule + " 참조");
                case PASSED -> new LocalizedText("checked, no problem found", "확인함, 문제 없음");
                case NOT_EVALUATED -> context.notEvaluated().stream().filter(n -> n.rule().equals(rule))
                        .map(NotEvaluated::missing).findFirst()
                        .orElse(new LocalizedText("not checked", "확인하지 않음"));
            };
            items.add(new CheckItem(new LocalizedText(rule + " · " + title.en(), rule + " · " + title.ko()), verdict, detail));
        }
        return items;
    }

    private static Evidence evidence(BundleIndex.Hit hit) {
        return new Evidence(hit.file(), hit.line(), hit.record(), hit.time(), hit.raw());
    }
}
