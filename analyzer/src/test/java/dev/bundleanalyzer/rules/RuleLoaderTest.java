package dev.bundleanalyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {

    private static final String GOOD = """
            - id: CUSTOM-1
              severity: warning
              inputs: [errlog]
              match:
                events: 'errorCode:0x80070005'
              title: {en: Access denied, ko: 액세스 거부}
              causes: [{en: A cause, ko: 원인}]
              actions: [{en: An action, ko: 조치}]
              missing: {en: Ask for logs, ko: 로그 요청}
            """;

    @Test
    void catalogueHoldsTheCanonicalIdsOfThisRelease() throws Exception {
        Set<String> ids = new RuleLoader().loadCatalogue().stream().map(Rule::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("MARS-34513", "MARS-100050", "MARS-0x1FC07", "MARS-34506",
                "COND-POWERSHELL-BELOW-3", "COND-EXECUTION-POLICY-RESTRICTED")), ids.toString());
    }

    @Test
    void everyRuleSpeaksEnglishAndKorean() throws Exception {
        for (Rule rule : new RuleLoader().loadCatalogue()) {
            assertTrue(!rule.title().en().isBlank() && !rule.title().ko().isBlank(), rule.id());
            assertTrue(rule.title().ko().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL),
                    rule.id() + " Korean title has no Hangul");
        }
    }

    @Test
    void loadsAWellFormedUserRule() throws Exception {
        List<Rule> rules = new RuleLoader().load("custom.yaml", GOOD);
        assertEquals(1, rules.size());
        assertEquals(Severity.WARNING, rules.get(0).severity());
        assertEquals("custom.yaml:1", rules.get(0).origin());
    }

    @Test
    void badSeverityNamesFileLineAndProblem() {
        String yaml = GOOD + GOOD.replace("CUSTOM-1", "CUSTOM-2").replace("severity: warning", "severity: urgent");
        RuleFileException e = assertThrows(RuleFileException.class, () -> new RuleLoader().load("custom.yaml", yaml));
        assertTrue(e.getMessage().startsWith("custom.yaml:10: rule CUSTOM-2: unknown severity 'urgent'"), e.getMessage());
    }

    @Test
    void badQueryIsReportedWithItsRule() {
        String yaml = GOOD.replace("'errorCode:0x80070005'", "'errorCode:(0x1 OR'");
        RuleFileException e = assertThrows(RuleFileException.class, () -> new RuleLoader().load("q.yaml", yaml));
        assertTrue(e.getMessage().startsWith("q.yaml:1: rule CUSTOM-1: events query syntax error"), e.getMessage());
    }

    @Test
    void missingKoreanTextIsAnError() {
        String yaml = GOOD.replace("{en: Access denied, ko: 액세스 거부}", "{en: Access denied}");
        RuleFileException e = assertThrows(RuleFileException.class, () -> new RuleLoader().load("t.yaml", yaml));
        assertTrue(e.getMessage().contains("'title' needs both en and ko"), e.getMessage());
    }

    @Test
    void unknownFieldAndBrokenYamlNameTheLine() {
        RuleFileException unknown = assertThrows(RuleFileException.class,
                () -> new RuleLoader().load("u.yaml", GOOD.replace("severity: warning", "severity: warning\n  colour: red")));
        assertTrue(unknown.getMessage().startsWith("u.yaml:1: unknown field 'colour'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
        RuleFileException broken = assertThrows(RuleFileException.class,
                () -> new RuleLoader().load("b.yaml", "- id: X-1\n  title: [unclosed\n"));
        assertTrue(broken.getMessage().startsWith("b.yaml:"), broken.getMessage());
    }

    @Test
    void duplicateIdAcrossFilesIsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), GOOD.replace("CUSTOM-1", "MARS-34513"));
        RuleFileException e = assertThrows(RuleFileException.class, () -> new RuleLoader().loadCatalogueAnd(dir));
        assertTrue(e.getMessage().contains("MARS-34513 is already declared at registration.yaml:"), e.getMessage());
    }

    @Test
    void userRulesFolderAddsRules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), GOOD);
        List<Rule> rules = new RuleLoader().loadCatalogueAnd(dir);
        assertTrue(rules.stream().anyMatch(r -> r.id().equals("CUSTOM-1")));
        assertTrue(rules.stream().anyMatch(r -> r.id().equals("MARS-34513")));
    }
}
