package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.FactKeys;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The MSOnlineBackup module folder: absent from a listing of its parent, without a {@code .psd1} manifest, or
 * with zero-byte files.
 */
public final class ModuleFilesCheck implements BuiltinCheck {

    private static final String MODULES = "\\bin\\modules";
    private static final String MODULE = MODULES + "\\msonlinebackup";

    @Override
    public String name() {
        return "msonlinebackup-module";
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        List<Fact> listings = FactKeys.select(context.facts(), "dir.listing");
        List<Fact> files = FactKeys.select(context.facts(), "dir.file");
        Optional<Fact> module = listings.stream().filter(f -> MarsPaths.normalize(f.value()).endsWith(MODULE)).findFirst();
        if (module.isPresent()) {
            String folder = module.get().value();
            boolean manifest = files.stream()
                    .anyMatch(f -> MarsPaths.within(f.value(), folder) && f.value().toLowerCase(Locale.ROOT).endsWith(".psd1"));
            List<Evidence> evidence = new ArrayList<>();
            FactKeys.select(context.facts(), "dir.file.empty").stream()
                    .filter(f -> MarsPaths.within(f.value(), folder))
                    .forEach(f -> evidence.add(ScratchPathMismatchCheck.evidence(f)));
            if (!manifest) {
                evidence.add(0, ScratchPathMismatchCheck.evidence(module.get()));
            }
            return evidence.isEmpty() ? Outcome.clear() : Outcome.fired(evidence.stream().distinct().toList());
        }
        Optional<Fact> parent = listings.stream().filter(f -> MarsPaths.normalize(f.value()).endsWith(MODULES)).findFirst();
        if (parent.isEmpty()) {
            return Outcome.notEvaluated();
        }
        String modules = parent.get().value();
        List<Fact> folders = FactKeys.select(context.facts(), "dir.folder").stream()
                .filter(f -> MarsPaths.within(f.value(), modules) && !MarsPaths.same(f.value(), modules))
                .toList();
        if (folders.isEmpty()) {
            // a listing without its folder rows cannot tell an absent module from an unlisted one
            return Outcome.notEvaluated();
        }
        boolean listed = folders.stream().anyMatch(f -> MarsPaths.normalize(f.value()).endsWith(MODULE));
        return listed ? Outcome.clear() : Outcome.fired(List.of(ScratchPathMismatchCheck.evidence(parent.get())));
    }
}
