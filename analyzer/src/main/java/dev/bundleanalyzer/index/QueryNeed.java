package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * What an event must contain for a query to have a chance: literals that a matching event's field holds,
 * ignoring case. Checking them costs one scan of the message; only the few events that pass are given to the
 * query itself. The need is never stricter than the query (a term of a message is a substring of the message,
 * lower-cased), so passing it decides nothing and failing it rules the event out.
 */
sealed interface QueryNeed {

    /** Whether an event may match; {@code found} has the bits of the literals the event holds. */
    boolean test(long[] found);

    /** Hands on the number of every literal of the need (none for {@link #ANY}). */
    default void literals(java.util.function.IntConsumer ids) {
    }

    /** Nothing known: every event may match. */
    QueryNeed ANY = new Anything();

    record Anything() implements QueryNeed {
        @Override
        public boolean test(long[] found) {
            return true;
        }
    }

    /**
     * A literal of a field, numbered {@code id}: the recorder finds all literals of an event at once (one scan of
     * its message, and keyword values remembered while they repeat) and sets their bits.
     */
    record Has(String field, String literal, int id) implements QueryNeed {
        @Override
        public boolean test(long[] found) {
            return (found[id >>> 6] & (1L << id)) != 0;
        }

        @Override
        public void literals(java.util.function.IntConsumer ids) {
            ids.accept(id);
        }
    }

    record AllOf(QueryNeed[] needs) implements QueryNeed {
        @Override
        public boolean test(long[] found) {
            for (QueryNeed need : needs) {
                if (!need.test(found)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void literals(java.util.function.IntConsumer ids) {
            for (QueryNeed need : needs) {
                need.literals(ids);
            }
        }
    }

    record AnyOf(QueryNeed[] needs) implements QueryNeed {
        @Override
        public boolean test(long[] found) {
            for (QueryNeed need : needs) {
                if (need.test(found)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void literals(java.util.function.IntConsumer ids) {
            for (QueryNeed need : needs) {
                need.literals(ids);
            }
        }
    }

    /** Numbers the literals of fields (the same number for the same field and literal). */
    interface Literals {
        int id(String field, String literal);
    }

    /** The need of a query, its literals numbered by {@code literals}. */
    static QueryNeed of(Query query, Literals literals) {
        query = QueryShapes.unwrap(query);
        if (query instanceof TermQuery term) {
            return literal(term.getTerm().field(), term.getTerm().text(), literals);
        }
        if (query instanceof PhraseQuery phrase) {
            List<QueryNeed> all = new ArrayList<>();
            for (Term t : phrase.getTerms()) {
                add(all, literal(t.field(), t.text(), literals));
            }
            return allOf(all);
        }
        if (query instanceof PrefixQuery prefix) {
            return literal(prefix.getPrefix().field(), prefix.getPrefix().text(), literals);
        }
        if (query instanceof WildcardQuery wildcard) {
            List<QueryNeed> all = new ArrayList<>();
            runs(wildcard.getTerm().text(), run -> add(all, literal(wildcard.getTerm().field(), run, literals)));
            return allOf(all);
        }
        if (query instanceof BooleanQuery bool) {
            List<QueryNeed> required = new ArrayList<>();
            List<QueryNeed> optional = new ArrayList<>();
            boolean optionalAny = false;
            for (BooleanClause clause : bool.clauses()) {
                QueryNeed need = of(clause.getQuery(), literals);
                switch (clause.getOccur()) {
                    case MUST, FILTER -> add(required, need);
                    case SHOULD -> {
                        optionalAny |= need == ANY;
                        optional.add(need);
                    }
                    case MUST_NOT -> {
                        // an excluded clause says nothing about what a match holds
                    }
                }
            }
            if (!required.isEmpty()) {
                return allOf(required);
            }
            if (optional.isEmpty() || optionalAny) {
                return ANY;
            }
            return optional.size() == 1 ? optional.get(0) : new AnyOf(optional.toArray(new QueryNeed[0]));
        }
        return ANY; // ranges, fuzzy and regular expressions: the query itself decides
    }

    private static QueryNeed literal(String field, String text, Literals literals) {
        String literal = text.toLowerCase(Locale.ROOT);
        if (literal.isEmpty() || !isAscii(literal)) {
            return ANY;
        }
        return Fields.MESSAGE.equals(field) || FIELD_VALUES.contains(field)
                ? new Has(field, literal, literals.id(field, literal)) : ANY;
    }

    private static void add(List<QueryNeed> all, QueryNeed need) {
        if (need != ANY) {
            all.add(need);
        }
    }

    private static QueryNeed allOf(List<QueryNeed> all) {
        return all.isEmpty() ? ANY : all.size() == 1 ? all.get(0) : new AllOf(all.toArray(new QueryNeed[0]));
    }

    /** The literal runs of a wildcard pattern ({@code *} and {@code ?} between them; {@code \} escapes). */
    private static void runs(String pattern, Consumer<String> run) {
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                current.append(pattern.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (!current.isEmpty()) {
                    run.accept(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            run.accept(current.toString());
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** Keyword fields whose values {@link #valueOf} gives; any other field is left to the query. */
    java.util.Set<String> FIELD_VALUES = java.util.Set.of(Fields.TYPE, Fields.FILE, Fields.LEVEL, Fields.COMPONENT,
            Fields.PROCESS, Fields.THREAD, Fields.SOURCE, Fields.ACTIVITY_ID, Fields.CHANNEL, Fields.COMPUTER,
            Fields.EVENT_ID, Fields.ERROR_CODE, Fields.TIME_ASSUMED);

    /**
     * The value of a keyword field of an event as the event holds it: a string, a list of them (error codes), an
     * integer (event ID), a boolean, or null. Parsers hand on the same instance while a value repeats, which
     * lets the recorder remember what it found in it.
     */
    static Object valueOf(LogEvent e, String field) {
        return switch (field) {
            case Fields.TYPE -> Fields.TYPE_EVENT;
            case Fields.FILE -> e.file();
            case Fields.LEVEL -> e.level();
            case Fields.COMPONENT -> e.component();
            case Fields.PROCESS -> e.process();
            case Fields.THREAD -> e.thread();
            case Fields.SOURCE -> e.source();
            case Fields.ACTIVITY_ID -> e.activityId();
            case Fields.CHANNEL -> e.channel();
            case Fields.COMPUTER -> e.computer();
            case Fields.EVENT_ID -> e.eventId();
            case Fields.ERROR_CODE -> e.errorCodes();
            case Fields.TIME_ASSUMED -> e.timeAssumed() ? Boolean.TRUE : null;
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** The strings of a value given by {@link #valueOf}. */
    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(String.valueOf(v)));
            return out;
        }
        return List.of(value.toString());
    }

    /** ASCII case-insensitive search of a lower-case ASCII literal. */
    static boolean containsIgnoreCase(String value, String literal) {
        int n = literal.length();
        for (int i = 0, last = value.length() - n; i <= last; i++) {
            if (value.regionMatches(true, i, literal, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
