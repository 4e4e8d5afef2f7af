package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.index.QueryRecorder;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registration lines (the {@code attempts} query of the rule file) that name the credentials file by a path
 * whose extension is not {@code .vaultCredentials}: a renamed or re-saved file the agent rejects.
 */
public final class VaultCredentialsExtensionCheck implements BuiltinCheck {

    /** Attempts read at most; the file names of a few show what was imported. */
    static final int MAX_ATTEMPTS = 10_000;

    /** A Windows path up to a quote, a bracket or the end of the line; spaces are allowed inside. */
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:\\\\|\\\\\\\\)[^\"'<>|\\r\\n]*?(?=$|[\"'<>|]|\\s+(?:\\(|\\[|was|is|not|failed|cannot)\\b)");
    private static final String EXTENSION = ".vaultcredentials";

    @Override
    public String name() {
        return "vault-credentials-extension";
    }

    @Override
    public List<QueryRecorder.Demand> demands(RuleMatch.Builtin match, List<Rule> rules) {
        return List.of(QueryRecorder.Demand.earliest(match.query("attempts"), MAX_ATTEMPTS));
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        if (!context.parsedKinds().contains("errlog")) {
            return Outcome.notEvaluated();
        }
        List<Evidence> evidence = new ArrayList<>();
        try {
            context.index().forEach(match.query("attempts"), MAX_ATTEMPTS, hit -> {
                if (namesOtherExtension(hit.message() != null ? hit.message() : hit.raw())) {
                    evidence.add(new Evidence(hit.file(), hit.line(), hit.record(), hit.time(), hit.raw()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Outcome.fired(evidence);
    }

    static boolean namesOtherExtension(String message) {
        Matcher m = PATH.matcher(message);
        while (m.find()) {
            String path = m.group().strip();
            String name = path.substring(path.lastIndexOf('\\') + 1).toLowerCase(Locale.ROOT);
            if (name.contains("credential") && !name.endsWith(EXTENSION)) {
                return true;
            }
        }
        return false;
    }

}
