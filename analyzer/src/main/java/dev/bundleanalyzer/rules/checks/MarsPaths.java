package dev.bundleanalyzer.rules.checks;

import dev.bundleanalyzer.parse.Fact;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Where the agent's folders are on the machine, from the bundle's facts, and how to compare Windows paths. */
final class MarsPaths {

    static final String DEFAULT_INSTALL = "C:\\Program Files\\Microsoft Azure Recovery Services Agent";

    /** A folder and the fact it was read from ({@code null} when it is the product default). */
    record Folder(String path, Fact source) {
        String letter() {
            return path.length() >= 2 && path.charAt(1) == ':' ? path.substring(0, 1).toLowerCase(Locale.ROOT) : null;
        }
    }

    private MarsPaths() {
    }

    /** The scratch (cache) folder: the registry value, else the install path's Scratch, else the default. */
    static Folder scratch(Map<String, List<Fact>> facts) {
        Optional<Fact> configured = first(facts, "scratch.location");
        if (configured.isPresent()) {
            return new Folder(clean(configured.get().value()), configured.get());
        }
        Folder install = install(facts);
        return new Folder(install.path() + "\\Scratch", install.source());
    }

    /** The agent's Bin folder. */
    static Folder bin(Map<String, List<Fact>> facts) {
        Folder install = install(facts);
        return new Folder(install.path() + "\\Bin", install.source());
    }

    static Folder install(Map<String, List<Fact>> facts) {
        return first(facts, "agent.installpath")
                .map(f -> new Folder(clean(f.value()), f))
                .orElse(new Folder(DEFAULT_INSTALL, null));
    }

    /** Windows paths compare without case, quotes or a trailing backslash. */
    static String normalize(String path) {
        String p = clean(path).toLowerCase(Locale.ROOT).replace('/', '\\');
        while (p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    /** True when {@code path} is {@code folder} or inside it. */
    static boolean within(String path, String folder) {
        String p = normalize(path);
        String f = normalize(folder);
        return p.equals(f) || p.startsWith(f + "\\");
    }

    static Optional<Fact> first(Map<String, List<Fact>> facts, String key) {
        List<Fact> list = facts.get(key);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private static String clean(String path) {
        String p = path.strip();
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            p = p.substring(1, p.length() - 1);
        }
        return p;
    }
}
