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
import dev.bundleanalyzer.rules.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Age of the vault credentials file (its modification time in the bundle: when it was downloaded) at the
 * latest registration attempt of the logs (the {@code attempts} query). Older than {@code maxDays} is the
 * rule's severity; older than {@code oldGuideHours}, the older guidance's limit, is only a warning.
 */
public final class VaultCredentialsAgeCheck implements BuiltinCheck {

    @Override
    public String name() {
        return "vault-credentials-age";
    }

    @Override
    public List<QueryRecorder.Demand> demands(RuleMatch.Builtin match, List<Rule> rules) {
        return List.of(new QueryRecorder.Demand(match.query("attempts"), 0, 1, java.util.Set.of()));
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        List<Fact> files = FactKeys.select(context.facts(), "vaultcredentials.modified");
        if (files.isEmpty() || !context.parsedKinds().contains("errlog")) {
            return Outcome.notEvaluated();
        }
        List<BundleIndex.Hit> attempts;
        try {
            attempts = context.index().search(match.query("attempts"), 1, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (attempts.isEmpty() || attempts.get(0).time() == null) {
            return Outcome.notEvaluated();
        }
        BundleIndex.Hit attempt = attempts.get(0);
        Fact newest = null;
        Instant downloaded = null;
        for (Fact f : files) {
            try {
                Instant t = Instant.parse(f.value());
                if (!t.isAfter(attempt.time()) && (downloaded == null || t.isAfter(downloaded))) {
                    downloaded = t;
                    newest = f;
                }
            } catch (DateTimeParseException e) {
                // not a time: this fact cannot date the file
            }
        }
        if (downloaded == null) {
            return Outcome.clear();
        }
        Duration age = Duration.between(downloaded, attempt.time());
        List<Evidence> evidence = List.of(
                new Evidence(newest.file(), newest.line(), null, downloaded, newest.text()),
                new Evidence(attempt.file(), attempt.line(), attempt.record(), attempt.time(), attempt.raw()));
        if (age.toMinutes() > match.number("maxDays") * 24 * 60) {
            return Outcome.fired(evidence).withCount(1);
        }
        if (age.toMinutes() > match.number("oldGuideHours") * 60) {
            return Outcome.fired(evidence).withCount(1).withSeverity(Severity.INFO);
        }
        return Outcome.clear();
    }
}
