package dev.bundleanalyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.analysis.BundleAnalyzer;
import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.report.AnalysisReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every regression sample declared in the rule files through the whole analyzer (detection, parsing,
 * index, rules), as a one-file bundle, and checks the rule's count: positives fire exactly as often as
 * declared, near misses not at all (Sigma-style per-rule samples).
 */
class RuleSamplesTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everySampleGivesItsExpectedCount() throws Exception {
        List<Rule> rules = new RuleLoader().loadCatalogue();
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Rule rule : rules) {
            for (RuleSample sample : rule.samples()) {
                Path dir = tmp.resolve("s" + (n++));
                tests.add(DynamicTest.dynamicTest(rule.id() + ": " + sample.name() + " (expect " + sample.expect() + ")",
                        () -> check(rules, rule, sample, dir)));
            }
        }
        return tests.stream();
    }

    private static void check(List<Rule> rules, Rule rule, RuleSample sample, Path dir) throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        for (RuleSample.SampleFile f : sample.files()) {
            Path file = bundle.resolve(f.file());
            Files.createDirectories(file.getParent());
            Files.write(file, f.bytes());
            Files.setLastModifiedTime(file, FileTime.from(f.modified()));
        }
        AnalysisReport report = new BundleAnalyzer(rules, BundleLimits.DEFAULTS, 1).analyze(bundle, dir.resolve("index"));
        long count = report.findings().stream().filter(f -> f.rule().equals(rule.id()))
                .mapToLong(Finding::count).sum();
        assertEquals(sample.expect(), count, () -> rule.id() + " on sample '" + sample.name() + "'; inventory: "
                + report.inventory() + "; findings: " + report.findings().stream().map(Finding::rule).toList());
        if (sample.expect() > 0) {
            Finding finding = report.findings().stream().filter(f -> f.rule().equals(rule.id())).findFirst().orElseThrow();
            assertFalse(finding.evidence().isEmpty() && finding.checklist().isEmpty(), "a finding shows its evidence");
            assertEquals(sample.severity() != null ? sample.severity() : rule.severity(), finding.severity(),
                    () -> rule.id() + " severity on sample '" + sample.name() + "'");
            assertTrue(finding.evidence().stream().allMatch(e -> sample.files().stream().anyMatch(f -> e.file().equals(f.file())
                    || e.file().startsWith(f.file() + "!/"))), "evidence points into the sample's files");
        } else {
            assertTrue(report.notEvaluated().stream().noneMatch(ne -> ne.rule().equals(rule.id())),
                    () -> rule.id() + ": a near-miss sample must give the rule its inputs, else it proves nothing");
        }
    }

    @Test
    void everyRuleHasAPositiveAndANearMissSample() throws Exception {
        for (Rule rule : new RuleLoader().loadCatalogue()) {
            assertTrue(rule.samples().stream().anyMatch(s -> s.expect() > 0), rule.id() + " has no positive sample");
            // what to collect is reported until a bundle holds every input: no one-file sample can be its near miss
            boolean alwaysSomethingMissing = rule.match() instanceof RuleMatch.Builtin b && b.name().equals("missing-input");
            assertTrue(alwaysSomethingMissing || rule.samples().stream().anyMatch(s -> s.expect() == 0),
                    rule.id() + " has no near-miss sample");
        }
    }
}
