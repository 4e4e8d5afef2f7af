package dev.bundleanalyzer.rules;

import dev.bundleanalyzer.rules.checks.AntivirusExclusionsCheck;
import dev.bundleanalyzer.rules.checks.AzurePowerShellOfflineCheck;
import dev.bundleanalyzer.rules.checks.VaultCredentialsAgeCheck;
import dev.bundleanalyzer.rules.checks.VaultCredentialsExtensionCheck;
import dev.bundleanalyzer.rules.checks.FatalTraceCheck;
import dev.bundleanalyzer.rules.checks.InventoryChecks;
import dev.bundleanalyzer.rules.checks.KekMissingCheck;
import dev.bundleanalyzer.rules.checks.MissingInputCheck;
import dev.bundleanalyzer.rules.checks.ModuleFilesCheck;
import dev.bundleanalyzer.rules.checks.ScheduleChecklistCheck;
import dev.bundleanalyzer.rules.checks.ScratchFreeSpaceCheck;
import dev.bundleanalyzer.rules.checks.ScratchPathMismatchCheck;
import dev.bundleanalyzer.rules.checks.TimeAssumedCheck;
import dev.bundleanalyzer.rules.checks.WsbScheduleConflictCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry of built-in checks, by the name rule files use. */
public final class BuiltinChecks {

    private static final List<BuiltinCheck> ALL = List.of(
            InventoryChecks.failed(),
            InventoryChecks.unknown(),
            new TimeAssumedCheck(),
            new MissingInputCheck(),
            new FatalTraceCheck(),
            new ScratchPathMismatchCheck(),
            new ScratchFreeSpaceCheck(),
            new KekMissingCheck(),
            new ModuleFilesCheck(),
            new WsbScheduleConflictCheck(),
            new AntivirusExclusionsCheck(),
            new VaultCredentialsExtensionCheck(),
            new VaultCredentialsAgeCheck(),
            new AzurePowerShellOfflineCheck(),
            new ScheduleChecklistCheck());

    private BuiltinChecks() {
    }

    public static Map<String, BuiltinCheck> byName() {
        Map<String, BuiltinCheck> map = new LinkedHashMap<>();
        for (BuiltinCheck check : ALL) {
            map.put(check.name(), check);
        }
        return map;
    }

    public static Set<String> names() {
        return byName().keySet();
    }
}
