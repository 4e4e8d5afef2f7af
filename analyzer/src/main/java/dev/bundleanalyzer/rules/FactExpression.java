package dev.bundleanalyzer.rules;

import dev.bundleanalyzer.parse.Fact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A condition over facts, written in rule files as a small expression:
 * <pre>
 *   expr       := and ('or' and)*
 *   and        := unary ('and' unary)*
 *   unary      := 'not' unary | '(' expr ')' | comparison
 *   comparison := KEY op VALUE | KEY 'in' '(' VALUE (',' VALUE)* ')'
 *   op         := '==' | '!=' | '<' | '<=' | '>' | '>='
 *   VALUE      := number | dotted version | 'quoted text' | "quoted text" | bare word
 * </pre>
 * Keys are fact keys ({@code powershell.version.major}); text compares without regard to case; numbers and
 * dotted versions compare part by part. A comparison on a key the bundle has no fact for is <em>unknown</em>,
 * and unknown propagates (Kleene logic), so a rule whose inputs are missing is "not evaluated", never passed.
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

    /** TRUE, FALSE or UNKNOWN, with the facts that made it so. */
    public record Result(Truth truth, List<Fact> evidence) {
    }

    public enum Truth { TRUE, FALSE, UNKNOWN }

    private interface Node {
        Result eval(Map<String, List<Fact>> facts);

        void collectKeys(Set<String> keys);
    }

    private record Or(List<Node> parts) implements Node {
        public Result eval(Map<String, List<Fact>> facts) {
            boolean unknown = false;
            boolean anyTrue = false;
            List<Fact> evidence = new ArrayList<>();
            for (Node part : parts) {
                Result r = part.eval(facts);
                if (r.truth() == Truth.TRUE) {
                    anyTrue = true;
                    evidence.addAll(r.evidence());
                } else if (r.truth() == Truth.UNKNOWN) {
                    unknown = true;
                }
            }
            if (anyTrue) {
                return new Result(Truth.TRUE, evidence);
            }
            return new Result(unknown ? Truth.UNKNOWN : Truth.FALSE, List.of());
        }

        public void collectKeys(Set<String> keys) {
            parts.forEach(p -> p.collectKeys(keys));
        }
    }

    private record And(List<Node> parts) implements Node {
        public Result eval(Map<String, List<Fact>> facts) {
            boolean unknown = false;
            List<Fact> evidence = new ArrayList<>();
            for (Node part : parts) {
                Result r = part.eval(facts);
                if (r.truth() == Truth.FALSE) {
                    return new Result(Truth.FALSE, List.of());
                }
                if (r.truth() == Truth.UNKNOWN) {
                    unknown = true;
                }
                evidence.addAll(r.evidence());
            }
            return unknown ? new Result(Truth.UNKNOWN, List.of()) : new Result(Truth.TRUE, evidence);
        }

        public void collectKeys(Set<String> keys) {
            parts.forEach(p -> p.collectKeys(keys));
        }
    }

    private record Not(Node inner) implements Node {
        public Result eval(Map<String, List<Fact>> facts) {
            Result r = inner.eval(facts);
            return switch (r.truth()) {
                case TRUE -> new Result(Truth.FALSE, List.of());
                case FALSE -> new Result(Truth.TRUE, List.of());
                case UNKNOWN -> r;
            };
        }

        public void collectKeys(Set<String> keys) {
            inner.collectKeys(keys);
        }
    }

    /** True when any fact of the key satisfies the comparison; those facts are the evidence. */
    private record Comparison(String key, String op, List<String> values) implements Node {
        public Result eval(Map<String, List<Fact>> facts) {
            List<Fact> candidates = facts.getOrDefault(key, List.of());
            if (candidates.isEmpty()) {
                return new Result(Truth.UNKNOWN, List.of());
            }
            List<Fact> matching = new ArrayList<>();
            for (Fact fact : candidates) {
                if (test(fact.value())) {
                    matching.add(fact);
                }
            }
            return matching.isEmpty() ? new Result(Truth.FALSE, List.of()) : new Result(Truth.TRUE, matching);
        }

        private boolean test(String actual) {
            if (op.equals("in")) {
                return values.stream().anyMatch(v -> ValueComparison.compare(actual, v) == 0);
            }
            Integer c = ValueComparison.compareOrNull(actual, values.get(0));
            if (c == null) {
                // text that is not a number cannot be ordered: only equality is meaningful
                boolean equal = actual.trim().equalsIgnoreCase(values.get(0));
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
            if (keyword("in")) {
                expect("(");
                List<String> values = new ArrayList<>();
                do {
                    values.add(value());
                } while (symbol(","));
                expect(")");
                return new Comparison(key.toLowerCase(Locale.ROOT), "in", values);
            }
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (symbol(op)) {
                    return new Comparison(key.toLowerCase(Locale.ROOT), op, List.of(value()));
                }
            }
            throw error("expected an operator (==, !=, <, <=, >, >=, in) after '" + key + "'");
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
                if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '\\' || c == ':') {
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
