package dev.bundleanalyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCatalogueMarkdownTest {

    private static final Path DOC = Path.of("..", "docs", "rules.md");

    @Test
    void docsRulesMdIsUpToDate() throws Exception {
        List<Rule> rules = new RuleLoader().loadCatalogue();
        String expected = RuleCatalogueMarkdown.render(rules);
        String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        assertEquals(expected, actual,
                "docs/rules.md is out of date: run ./bundle-analyzer rules --markdown > docs/rules.md");
        for (Rule rule : rules) {
            assertTrue(actual.contains("\n## " + rule.id() + "\n"), rule.id());
        }
    }
}
