package dev.bundleanalyzer.rules;

import dev.bundleanalyzer.parse.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Selects facts by key, where {@code *} in a key pattern stands for any text. */
public final class FactKeys {

    private FactKeys() {
    }

    /** The facts whose key matches the pattern (keys are lower case). */
    public static List<Fact> select(Map<String, List<Fact>> facts, String keyPattern) {
        if (keyPattern.indexOf('*') < 0) {
            return facts.getOrDefault(keyPattern, List.of());
        }
        Pattern glob = glob(keyPattern);
        List<Fact> out = new ArrayList<>();
        for (Map.Entry<String, List<Fact>> e : facts.entrySet()) {
            if (glob.matcher(e.getKey()).matches()) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /** True when the bundle has any fact whose key matches the pattern. */
    public static boolean any(Map<String, List<Fact>> facts, String keyPattern) {
        return !select(facts, keyPattern).isEmpty();
    }

    private static Pattern glob(String keyPattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : keyPattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
