package dev.bundleanalyzer.rules;

import java.util.List;

/** Renders the rule catalogue as Markdown ({@code docs/rules.md}), from the rule files alone. */
public final class RuleCatalogueMarkdown {

    private RuleCatalogueMarkdown() {
    }

    public static String render(List<Rule> rules) {
        StringBuilder md = new StringBuilder();
        md.append("# Rule catalogue\n\n")
                .append("Generated from the rule files (`analyzer/src/main/resources/dev/bundleanalyzer/rules/*.yaml`) by\n")
                .append("`./bundle-analyzer rules --markdown > docs/rules.md`; a test fails when this file is out of date.\n\n")
                .append("| ID | severity | title | inputs | samples |\n|---|---|---|---|---|\n");
        for (Rule rule : rules) {
            long positive = rule.samples().stream().filter(s -> s.expect() > 0).count();
            long negative = rule.samples().size() - positive;
            md.append("| [").append(rule.id()).append("](#").append(anchor(rule.id())).append(") | ")
                    .append(rule.severity().label()).append(" | ").append(cell(rule.title().en())).append(" | ")
                    .append(cell(inputs(rule))).append(" | ").append(positive).append(" + ").append(negative).append(" |\n");
        }
        for (Rule rule : rules) {
            md.append("\n## ").append(rule.id()).append("\n\n");
            md.append("**").append(rule.title().en()).append("** / ").append(rule.title().ko()).append("\n\n");
            md.append("- severity: ").append(rule.severity().label());
            for (Rule.Escalation e : rule.escalations()) {
                md.append(", ").append(e.severity().label()).append(" when `").append(e.condition()).append('`');
            }
            md.append("\n- match: ").append(match(rule.match())).append('\n');
            md.append("- inputs: ").append(inputs(rule)).append('\n');
            md.append("- declared in: `").append(rule.origin()).append("`\n");
            if (rule.summary() != null) {
                md.append("\n").append(rule.summary().en()).append("\n\n").append(rule.summary().ko()).append('\n');
            }
            md.append("\nCauses:\n");
            rule.causes().forEach(c -> md.append("- ").append(c.en()).append(" / ").append(c.ko()).append('\n'));
            md.append("\nActions:\n");
            int n = 1;
            for (LocalizedText a : rule.actions()) {
                md.append(n++).append(". ").append(a.en()).append(" / ").append(a.ko()).append('\n');
            }
            if (rule.missing() != null) {
                md.append("\nWhen its inputs are missing: ").append(rule.missing().en()).append('\n');
            }
            if (!rule.references().isEmpty()) {
                md.append("\nReferences: ").append(String.join(", ", rule.references())).append('\n');
            }
            md.append("\nSamples:\n");
            rule.samples().forEach(s -> md.append("- ").append(s.name()).append(" (")
                    .append(String.join(", ", s.files().stream().map(f -> "`" + f.file() + "` " + f.encoding()).toList()))
                    .append("): ").append(s.expect()).append(s.expect() == 1 ? " match" : " matches")
                    .append(s.severity() == null ? "" : ", " + s.severity().label()).append('\n'));
        }
        return md.toString();
    }

    private static String match(RuleMatch match) {
        if (match instanceof RuleMatch.Events e) {
            return "events `" + e.text() + "`" + (e.group() == null ? "" : ", counted by `" + e.group() + "`");
        }
        if (match instanceof RuleMatch.Facts f) {
            return "facts `" + f.condition() + "`";
        }
        RuleMatch.Builtin b = (RuleMatch.Builtin) match;
        return "built-in check `" + b.name() + "`" + (b.params().isEmpty() ? "" : " " + new java.util.TreeMap<>(b.params()));
    }

    private static String inputs(Rule rule) {
        if (rule.match() instanceof RuleMatch.Builtin builtin) {
            return "check " + builtin.name();
        }
        return String.join(", ", rule.inputs());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String anchor(String id) {
        return id.toLowerCase(java.util.Locale.ROOT);
    }
}
