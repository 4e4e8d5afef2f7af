package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.index.QueryRecorder;
import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.FactKeys;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline backup (seeding) in the logs (the {@code activity} query) on a machine whose module listing shows no
 * Azure PowerShell module of at least {@code minVersion}.
 */
public final class AzurePowerShellOfflineCheck implements BuiltinCheck {

    @Override
    public String name() {
        return "azure-powershell-offline";
    }

    @Override
    public List<QueryRecorder.Demand> demands(RuleMatch.Builtin match, List<Rule> rules) {
        return List.of(QueryRecorder.Demand.earliest(match.query("activity"), 1));
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        List<Fact> listed = FactKeys.select(context.facts(), "psmodule.listed");
        if (listed.isEmpty() || !context.parsedKinds().contains("errlog")) {
            return Outcome.notEvaluated();
        }
        List<BundleIndex.Hit> activity;
        try {
            activity = context.index().search(match.query("activity"), 1, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (activity.isEmpty()) {
            return Outcome.clear();
        }
        String minimum = match.params().get("minVersion");
        List<Fact> azure = new ArrayList<>(FactKeys.select(context.facts(), "psmodule.azure.version"));
        azure.addAll(FactKeys.select(context.facts(), "psmodule.azurerm.version"));
        azure.addAll(FactKeys.select(context.facts(), "psmodule.az.version"));
        boolean recentEnough = azure.stream().anyMatch(f -> Versions.atLeast(f.value(), minimum));
        if (recentEnough) {
            return Outcome.clear();
        }
        BundleIndex.Hit first = activity.get(0);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(first.file(), first.line(), first.record(), first.time(), first.raw()));
        (azure.isEmpty() ? listed : azure).forEach(f -> evidence.add(ScratchPathMismatchCheck.evidence(f)));
        return Outcome.fired(evidence.stream().distinct().toList()).withCount(1);
    }
}
