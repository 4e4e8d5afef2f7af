package dev.bundleanalyzer.rules;

import dev.bundleanalyzer.bundle.InventoryItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks that cannot be said as a query or a facts condition. Each is registered by name here and used
 * from a rule file as {@code match: {builtin: NAME}}; the rule's text stays in the rule file.
 */
public final class BuiltinCheck {

    private static final Map<String, Function<RuleEngine.Context, List<Evidence>>> CHECKS = Map.of(
            "inventory-failed", BuiltinCheck::failedEntries,
            "inventory-unknown", BuiltinCheck::unknownEntries,
            "time-assumed", BuiltinCheck::assumedTimes);

    public static final Set<String> NAMES = CHECKS.keySet();

    private BuiltinCheck() {
    }

    /** Evidence of the check on a bundle; empty when it does not fire. */
    static List<Evidence> run(String name, RuleEngine.Context context) {
        Function<RuleEngine.Context, List<Evidence>> check = CHECKS.get(name);
        if (check == null) {
            throw new IllegalArgumentException("unknown builtin check " + name);
        }
        return check.apply(context);
    }

    /** Entries that could not be read or parsed, with the reason. */
    private static List<Evidence> failedEntries(RuleEngine.Context context) {
        List<Evidence> out = new ArrayList<>();
        for (InventoryItem item : context.inventory()) {
            if (item.status() == InventoryItem.Status.FAILED) {
                out.add(new Evidence(item.path(), 0, null, null, item.reason()));
            }
        }
        return out;
    }

    /** Entries whose kind nothing recognised: listed so that no file is ignored silently. */
    private static List<Evidence> unknownEntries(RuleEngine.Context context) {
        List<Evidence> out = new ArrayList<>();
        for (InventoryItem item : context.inventory()) {
            if (item.status() == InventoryItem.Status.SKIPPED
                    && ("unknown".equals(item.kind()) || "binary".equals(item.kind()))) {
                out.add(new Evidence(item.path(), 0, null, null, item.reason()));
            }
        }
        return out;
    }

    private static List<Evidence> assumedTimes(RuleEngine.Context context) {
        return context.notes().stream()
                .map(n -> new Evidence(n.file(), 0, null, null, n.message()))
                .toList();
    }
}
