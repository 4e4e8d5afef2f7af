package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.rules.BuiltinCheck;
import dev.bundleanalyzer.rules.Evidence;
import dev.bundleanalyzer.rules.RuleEngine;
import dev.bundleanalyzer.rules.RuleMatch;
import java.util.List;
import java.util.function.Predicate;

/** Checks over the inventory: entries that failed, entries of no known kind. Always evaluated. */
public final class InventoryChecks implements BuiltinCheck {

    private final String name;
    private final Predicate<InventoryItem> selects;

    private InventoryChecks(String name, Predicate<InventoryItem> selects) {
        this.name = name;
        this.selects = selects;
    }

    /** Entries that could not be read or parsed. */
    public static InventoryChecks failed() {
        return new InventoryChecks("inventory-failed", i -> i.status() == InventoryItem.Status.FAILED);
    }

    /** Entries whose kind nothing recognised: listed so that no file is ignored silently. */
    public static InventoryChecks unknown() {
        return new InventoryChecks("inventory-unknown", i -> i.status() == InventoryItem.Status.SKIPPED
                && ("unknown".equals(i.kind()) || "binary".equals(i.kind())));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome run(RuleMatch.Builtin match, RuleEngine.Context context) {
        List<Evidence> evidence = context.inventory().stream().filter(selects)
                .map(i -> new Evidence(i.path(), 0, null, null, i.reason()))
                .toList();
        return Outcome.fired(evidence);
    }
}
