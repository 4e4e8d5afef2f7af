package dev.bundleanalyzer.rules;

import dev.bundleanalyzer.parse.Fact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A condition over facts, written in rule files as a small expression:
 * <pre>
 *   expr       := and ('or' and)*
 *   and        := unary ('and' unary)*
 *   unary      := 'not' unary | '(' expr ')' | comparison
 *   comparison := KEY op VALUE | KEY ('in' | 'notin') '(' VALUE (',' VALUE)* ')'
 *   op         := '==' | '!=' | '<' | '<=' | '>' | '>=' | 'matches' | 'contains' | 'startswith' | 'endswith'
 *   VALUE      := number | dotted version | 'quoted text' | "quoted text" | bare word
 * </pre>
 * Keys are fact keys ({@code powershell.version.major}); {@code *} in a key stands for any text
 * ({@code device.root\iscsiprt\*.status}). Text compares without regard to case; signed or decimal numbers
 * ({@code +0.5}) compare as numbers, dotted versions part by part; {@code matches} is a regular expression found
 * anywhere in the value, case-insensitive; {@code notin} holds for a value outside the list (so with several
 * facts of a key, "some value is not allowed", which {@code not (k in ...)} cannot say). A comparison holds when
 * any fact of its key satisfies it; with no
 * fact of the key it does not hold. Whether a rule can be evaluated at all is decided by its inputs, before this
 * expression runs.
 */
public final class FactExpression {

    private final Node root;
    private final String text;

    private FactExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** @throws IllegalArgumentException naming the position and the problem */
    public static FactExpression parse(String text) {
        Parser p = new Parser(text);
        Node node = p.expr();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.substring(p.pos) + "'");
        }
        return new FactExpression(text, node);
    }

    /** Fact keys the expression reads. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        root.collectKeys(keys);
        return keys;
    }

    /** Evaluates over facts grouped by key; the facts that decided a true result are its evidence. */
    public Result evaluate(Map<String, List<Fact>> facts) {
        return root.eval(facts);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The outcome, with the facts that made it so: those that satisfied the condition when it holds, those
     * that were examined when it does not (so that {@code not (...)} can show what it looked at).
     */
    public record Result(boolean holds, List<Fact> evidence) {
    }

    private interface Node {
        Result eval(Map<String, List<Fact>> facts);

        void collectKeys(Set<String> keys);
    }

    private record Or(List<Node> parts) implements Node {
        public Result eval(Map<String, List<Fact>> facts) {
            List<Fact> held = new ArrayList<>();
            List<Fact> examined = new ArrayList<>();
            boolean holds = false;
            for (Node part : parts) {
                Result r = part.eval(facts);
                holds |= r.holds();
                (r.holds() ? held : examined).addAll(r.evidence());
            }
            return new Result(holds, holds ? held : examined);
        }

        public void collectKeys(Set<String> keys) {
            parts.forEach(p -> p.collectKeys(keys));
        }
    }

    private record And(List<Node> parts) implements Node {
        public Result eval(Map<String, List<Fact>> facts) {
            List<Fact> evidence = new ArrayList<>();
            for (Node part : parts) {
                Result r = part.eval(facts);
                if (!r.holds()) {
                    return r;
                }
                evidence.addAll(r.evidence());
            }
            return new Result(true, evidence);
        }

        public void collectKeys(Set<String> keys) {
            parts.forEach(p -> p.collectKeys(keys));
        }
    }

    private record Not(Node inner) implements Node {
        public Result eval(Map<String, List<Fact>> facts) {
            Result r = inner.eval(facts);
            return new Result(!r.holds(), r.evidence());
        }

        public void collectKeys(Set<String> keys) {
            inner.collectKeys(keys);
        }
    }

    /** Holds when any fact of the key satisfies the comparison; those facts are the evidence. */
    private record Comparison(String key, String op, List<String> values, Pattern pattern) implements Node {
        public Result eval(Map<String, List<Fact>> facts) {
            List<Fact> candidates = FactKeys.select(facts, key);
            List<Fact> matching = new ArrayList<>();
            for (Fact fact : candidates) {
                if (test(fact.value())) {
                    matching.add(fact);
                }
            }
            return matching.isEmpty() ? new Result(false, candidates) : new Result(true, matching);
        }

        private boolean test(String actual) {
            String value = values.get(0);
            String a = actual.trim().toLowerCase(Locale.ROOT);
            String v = value.toLowerCase(Locale.ROOT);
            switch (op) {
                case "in":
                    return values.stream().anyMatch(x -> ValueComparison.compare(actual, x) == 0);
                case "notin":
                    return values.stream().noneMatch(x -> ValueComparison.compare(actual, x) == 0);
                case "matches":
                    return pattern.matcher(actual).find();
                case "contains":
                    return a.contains(v);
                case "startswith":
                    return a.startsWith(v);
                case "endswith":
                    return a.endsWith(v);
                default:
                    break;
            }
            Integer c = ValueComparison.compareOrNull(actual, value);
            if (c == null) {
                // text that is not a number cannot be ordered: only equality is meaningful
                boolean equal = a.equals(v);
                return op.equals("==") ? equal : op.equals("!=") && !equal;
            }
            return switch (op) {
                case "==" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException(op);
            };
        }

        public void collectKeys(Set<String> keys) {
            keys.add(key);
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s == null ? "" : s;
        }

        Node expr() {
            List<Node> parts = new ArrayList<>();
            parts.add(and());
            while (keyword("or")) {
                parts.add(and());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        Node and() {
            List<Node> parts = new ArrayList<>();
            parts.add(unary());
            while (keyword("and")) {
                parts.add(unary());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        Node unary() {
            if (keyword("not")) {
                return new Not(unary());
            }
            if (symbol("(")) {
                Node inner = expr();
                expect(")");
                return inner;
            }
            return comparison();
        }

        Node comparison() {
            String key = word();
            if (key.isEmpty()) {
                throw error("expected a fact key");
            }
            boolean negated = keyword("notin");
            if (negated || keyword("in")) {
                expect("(");
                List<String> values = new ArrayList<>();
                do {
                    values.add(value());
                } while (symbol(","));
                expect(")");
                return new Comparison(key.toLowerCase(Locale.ROOT), negated ? "notin" : "in", values, null);
            }
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (symbol(op)) {
                    return new Comparison(key.toLowerCase(Locale.ROOT), op, List.of(value()), null);
                }
            }
            for (String op : List.of("matches", "contains", "startswith", "endswith")) {
                if (keyword(op)) {
                    String value = value();
                    Pattern pattern = null;
                    if (op.equals("matches")) {
                        try {
                            pattern = Pattern.compile(value, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                        } catch (PatternSyntaxException e) {
                            throw error("bad regular expression '" + value + "': " + e.getDescription());
                        }
                    }
                    return new Comparison(key.toLowerCase(Locale.ROOT), op, List.of(value), pattern);
                }
            }
            throw error("expected an operator (==, !=, <, <=, >, >=, in, notin, matches, contains, startswith, endswith) after '"
                    + key + "'");
        }

        String value() {
            skipSpace();
            if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                char quote = s.charAt(pos++);
                int end = s.indexOf(quote, pos);
                if (end < 0) {
                    throw error("unterminated quoted value");
                }
                String v = s.substring(pos, end);
                pos = end + 1;
                return v;
            }
            String v = word();
            if (v.isEmpty()) {
                throw error("expected a value");
            }
            return v;
        }

        String word() {
            skipSpace();
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '\\' || c == ':' || c == '*'
                        || c == '+') {
                    pos++;
                } else {
                    break;
                }
            }
            return s.substring(start, pos);
        }

        boolean keyword(String kw) {
            skipSpace();
            int end = pos + kw.length();
            if (end <= s.length() && s.regionMatches(true, pos, kw, 0, kw.length())
                    && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)))) {
                pos = end;
                return true;
            }
            return false;
        }

        boolean symbol(String sym) {
            skipSpace();
            if (s.startsWith(sym, pos)) {
                pos += sym.length();
                return true;
            }
            return false;
        }

        void expect(String sym) {
            if (!symbol(sym)) {
                throw error("expected '" + sym + "'");
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("facts condition '" + s + "', at character " + (pos + 1) + ": " + message);
        }
    }
}
