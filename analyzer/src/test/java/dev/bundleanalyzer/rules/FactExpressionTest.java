package dev.bundleanalyzer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static FactExpression.Truth eval(String expr, Map<String, List<Fact>> facts) {
        return FactExpression.parse(expr).evaluate(facts).truth();
    }

    @Test
    void comparesNumbersAndVersionsPartByPart() {
        assertEquals(FactExpression.Truth.TRUE, eval("powershell.version.major < 3", facts("powershell.version.major", "2")));
        assertEquals(FactExpression.Truth.FALSE, eval("powershell.version.major < 3", facts("powershell.version.major", "3")));
        assertEquals(FactExpression.Truth.TRUE, eval("agent.version < 2.0.9249.0", facts("agent.version", "2.0.9083.0")));
        assertEquals(FactExpression.Truth.FALSE, eval("agent.version < 2.0.9249.0", facts("agent.version", "2.0.10000.1")));
        assertEquals(FactExpression.Truth.TRUE, eval("tmp.count > 60000", facts("tmp.count", "65,432")));
    }

    @Test
    void textComparesWithoutCaseAndInLists() {
        Map<String, List<Fact>> f = facts("executionpolicy.localmachine", "RemoteSigned", "executionpolicy.effective", "AllSigned");
        String rule = "executionpolicy.localmachine == Restricted or executionpolicy.effective in (Restricted, allsigned)";
        FactExpression.Result r = FactExpression.parse(rule).evaluate(f);
        assertEquals(FactExpression.Truth.TRUE, r.truth());
        assertEquals(1, r.evidence().size());
        assertEquals("executionpolicy.effective", r.evidence().get(0).key());
    }

    @Test
    void missingFactsAreUnknownNotFalse() {
        assertEquals(FactExpression.Truth.UNKNOWN, eval("powershell.version.major < 3", Map.of()));
        // false or unknown stays unknown; true or unknown is true; false and unknown is false
        Map<String, List<Fact>> f = facts("a", "1");
        assertEquals(FactExpression.Truth.UNKNOWN, eval("a == 2 or b == 1", f));
        assertEquals(FactExpression.Truth.TRUE, eval("a == 1 or b == 1", f));
        assertEquals(FactExpression.Truth.FALSE, eval("a == 2 and b == 1", f));
        assertEquals(FactExpression.Truth.TRUE, eval("not (a == 2) and a != 3", f));
    }

    @Test
    void syntaxErrorsSayWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactExpression.parse("a <"));
        assertTrue(e.getMessage().contains("at character 4: expected a value"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> FactExpression.parse("a ~ 1"));
        assertTrue(e2.getMessage().contains("expected an operator"), e2.getMessage());
    }
}
