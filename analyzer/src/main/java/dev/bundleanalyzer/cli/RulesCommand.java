package dev.bundleanalyzer.cli;

import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleCatalogueMarkdown;
import dev.bundleanalyzer.rules.RuleFileException;
import dev.bundleanalyzer.rules.RuleLoader;
import dev.bundleanalyzer.rules.RuleMatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the rule catalogue: ID, severity, title, inputs.")
final class RulesCommand implements Callable<Integer> {

    @Option(names = "--lang", defaultValue = "en", paramLabel = "en|ko", description = "language of the titles")
    String lang;

    @Option(names = "--rules", paramLabel = "DIR", description = "also load the rule files of this folder")
    Path rulesDir;

    @Option(names = "--markdown", description = "print the whole catalogue as Markdown (docs/rules.md)")
    boolean markdown;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Rule> rules;
        try {
            RuleLoader loader = new RuleLoader();
            rules = rulesDir == null ? loader.loadCatalogue() : loader.loadCatalogueAnd(rulesDir);
        } catch (RuleFileException e) {
            spec.commandLine().getErr().println("bundle-analyzer: bad rule file: " + e.getMessage());
            return Main.USAGE;
        }
        if (markdown) {
            out.print(RuleCatalogueMarkdown.render(rules));
            out.flush();
            return Main.OK;
        }
        for (Rule rule : rules) {
            out.printf("%-34s %-8s %-40s %s%n", rule.id(), rule.severity().label(), inputs(rule), rule.title().get(lang));
        }
        out.flush();
        return Main.OK;
    }

    private static String inputs(Rule rule) {
        if (rule.match() instanceof RuleMatch.Facts) {
            return "facts " + String.join(", ", rule.inputs());
        }
        if (rule.match() instanceof RuleMatch.Builtin builtin) {
            return "check " + builtin.name();
        }
        return String.join(", ", rule.inputs());
    }
}
