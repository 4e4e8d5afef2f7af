package dev.bundleanalyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.Fact;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactExpressionTest {

    private static Map<String, List<Fact>> facts(String... keyValues) {
        java.util.Map<String, List<Fact>> map = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.computeIfAbsent(keyValues[i], k -> new java.util.ArrayList<>())
                    .add(new Fact(keyValues[i], keyValues[i + 1], "f.txt", i + 1, keyValues[i] + " " + keyValues[i + 1]));
        }
        return map;
    }

    private static boolean eval(String expr, Map<String, List<Fact>> facts) {
        return FactExpression.parse(expr).evaluate(facts).holds();
    }

    @Test
    void comparesNumbersAndVersionsPartByPart() {
        assertTrue(eval("powershell.version.major < 3", facts("powershell.version.major", "2")));
        assertFalse(eval("powershell.version.major < 3", facts("powershell.version.major", "3")));
        assertTrue(eval("agent.version < 2.0.9249.0", facts("agent.version", "2.0.9083.0")));
        assertFalse(eval("agent.version < 2.0.9249.0", facts("agent.version", "2.0.10000.1")));
        assertTrue(eval("tmp.count > 60000", facts("tmp.count", "65,432")));
        assertTrue(eval("dotnet.release < 379893", facts("dotnet.release", "378758")));
    }

    @Test
    void signedValuesCompareAsDecimals() {
        assertTrue(eval("time.offset.seconds > 300", facts("time.offset.seconds", "+312.5")));
        assertFalse(eval("time.offset.seconds > 300", facts("time.offset.seconds", "+0.0123456")));
        assertTrue(eval("time.offset.seconds < -300", facts("time.offset.seconds", "-301")));
    }

    @Test
    void textComparesWithoutCaseAndInLists() {
        Map<String, List<Fact>> f = facts("executionpolicy.localmachine", "RemoteSigned", "executionpolicy.effective", "AllSigned");
        String rule = "executionpolicy.localmachine == Restricted or executionpolicy.effective in (Restricted, allsigned)";
        FactExpression.Result r = FactExpression.parse(rule).evaluate(f);
        assertTrue(r.holds());
        assertEquals(1, r.evidence().size());
        assertEquals("executionpolicy.effective", r.evidence().get(0).key());
    }

    @Test
    void textOperatorsAndKeyPatterns() {
        Map<String, List<Fact>> f = facts(
                "env.psmodulepath.entry", "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules\\",
                "env.psmodulepath.entry", "C:\\Program Files\\Microsoft Azure Recovery Services Agent\\bin\\Modules\\",
                "device.root\\iscsiprt\\0000.status", "Problem",
                "device.pci\\ven_8086.status", "OK");
        assertTrue(eval("env.psmodulepath.entry matches 'Recovery Services Agent\\\\bin\\\\Modules\\\\?$'", f));
        assertTrue(eval("env.psmodulepath.entry endswith 'modules\\'", f));
        assertTrue(eval("env.psmodulepath.entry contains 'AZURE RECOVERY'", f));
        assertTrue(eval("device.root\\iscsiprt\\*.status in (Unknown, Problem)", f));
        assertFalse(eval("device.pci*.status in (Unknown, Problem)", f));
        FactExpression.Result none = FactExpression.parse("not (env.psmodulepath.entry contains 'MSOnlineBackup')").evaluate(f);
        assertTrue(none.holds());
        assertEquals(2, none.evidence().size(), "a negation shows the facts it examined");
    }

    @Test
    void missingFactsDoNotHold() {
        assertFalse(eval("powershell.version.major < 3", Map.of()));
        Map<String, List<Fact>> f = facts("a", "1");
        assertFalse(eval("a == 2 or b == 1", f));
        assertTrue(eval("a == 1 or b == 1", f));
        assertFalse(eval("a == 1 and b == 1", f));
        assertTrue(eval("not (a == 2) and a != 3", f));
    }

    @Test
    void syntaxErrorsSayWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactExpression.parse("a <"));
        assertTrue(e.getMessage().contains("at character 4: expected a value"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> FactExpression.parse("a ~ 1"));
        assertTrue(e2.getMessage().contains("expected an operator"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class, () -> FactExpression.parse("a matches '('"));
        assertTrue(e3.getMessage().contains("bad regular expression"), e3.getMessage());
    }
}
