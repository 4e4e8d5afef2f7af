package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.CheckItem;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.FactKeys;
import dev.bundleanalyzer.rules.LocalizedText;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Microsoft Defender's exclusions against what the agent needs: the CBEngine.exe and CSC.exe processes, the
 * scratch folder and the agent's Bin folder. Each need is a checklist item with its own verdict; a list cut
 * with "..." leaves a need it does not show undecided.
 */
public final class AntivirusExclusionsCheck implements BuiltinCheck {

    @Override
    public String name() {
        return "antivirus-exclusions";
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        Map<String, List<Fact>> facts = context.facts();
        if (!FactKeys.any(facts, "defender.present")) {
            return Outcome.notEvaluated();
        }
        List<Fact> processes = FactKeys.select(facts, "defender.exclusion.process");
        List<Fact> paths = FactKeys.select(facts, "defender.exclusion.path");
        boolean truncated = FactKeys.any(facts, "defender.exclusion.truncated");
        String scratch = MarsPaths.scratch(facts).path();
        String bin = MarsPaths.bin(facts).path();

        List<CheckItem> items = List.of(
                item("CBEngine.exe", "CBEngine.exe", processes, p -> fileName(p).equals("cbengine.exe"), truncated),
                item("CSC.exe (.NET)", "CSC.exe (.NET)", processes, p -> fileName(p).equals("csc.exe"), truncated),
                item("scratch folder " + scratch, "스크래치 폴더 " + scratch, paths, p -> MarsPaths.within(scratch, p), truncated),
                item("Bin folder " + bin, "Bin 폴더 " + bin, paths, p -> MarsPaths.within(bin, p), truncated));
        long failed = items.stream().filter(i -> i.verdict() == CheckItem.Verdict.FAILED).count();
        if (failed == 0) {
            return Outcome.clear().withChecklist(items);
        }
        List<Evidence> evidence = new ArrayList<>();
        for (Fact f : processes.isEmpty() && paths.isEmpty() ? FactKeys.select(facts, "defender.present") : concat(processes, paths)) {
            evidence.add(ScratchPathMismatchCheck.evidence(f));
        }
        return Outcome.fired(evidence.stream().distinct().toList()).withCount(failed).withChecklist(items);
    }

    private static CheckItem item(String en, String ko, List<Fact> excluded, Predicate<String> covers, boolean truncated) {
        LocalizedText name = new LocalizedText(en, ko);
        for (Fact f : excluded) {
            if (covers.test(f.value())) {
                return new CheckItem(name, CheckItem.Verdict.PASSED, same("excluded: " + f.value(), "제외됨: " + f.value()));
            }
        }
        if (truncated) {
            return new CheckItem(name, CheckItem.Verdict.NOT_EVALUATED,
                    same("the exclusion list is cut with '...'", "제외 목록이 '...'로 잘려 있음"));
        }
        return new CheckItem(name, CheckItem.Verdict.FAILED, same("not excluded", "제외되지 않음"));
    }

    private static LocalizedText same(String en, String ko) {
        return new LocalizedText(en, ko);
    }

    private static String fileName(String path) {
        String p = path.strip().toLowerCase(Locale.ROOT);
        return p.substring(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);
    }

    private static List<Fact> concat(List<Fact> a, List<Fact> b) {
        List<Fact> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
