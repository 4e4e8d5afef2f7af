package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * A query decided on an event's own values, as a one-document index would decide it, without building one: terms
 * of keyword fields against the event's values as the index writes them, message terms and exact phrases against
 * the tokens of its message, ranges against its time, line and record, wildcards and prefixes by their automaton,
 * and boolean combinations of those. A search that matches a million events then costs a tokenizer run each,
 * not a million small indexes. {@link #of} answers {@code null} for what it does not decide (sloppy phrases, fuzzy
 * queries), which the one-document index then decides.
 */
abstract class EventMatch {

    /** Whether the event matches; {@code message} gives its message's tokens, computed once per event. */
    abstract boolean test(LogEvent e, MessageTokens message);

    /** The tokens of one event's message as the index analyses it, computed on first use. */
    static final class MessageTokens {
        private final Analyzer analyzer;
        private final String text;
        private List<String> tokens;

        MessageTokens(Analyzer analyzer, String text) {
            this.analyzer = analyzer;
            this.text = text;
        }

        /** Tokens by position (a position without a token holds {@code null}). */
        List<String> get() {
            if (tokens == null) {
                tokens = new ArrayList<>();
                if (text != null) {
                    try (TokenStream ts = analyzer.tokenStream(Fields.MESSAGE, text)) {
                        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                        PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
                        ts.reset();
                        while (ts.incrementToken()) {
                            for (int i = 1; i < increment.getPositionIncrement(); i++) {
                                tokens.add(null);
                            }
                            tokens.add(term.toString());
                        }
                        ts.end();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot analyse a message", e);
                    }
                }
            }
            return tokens;
        }
    }

    /** The direct form of a query, or {@code null} when the one-document index must decide. */
    static EventMatch of(Query query) {
        query = QueryShapes.unwrap(query);
        if (query instanceof MatchAllDocsQuery) {
            return new Constant(true);
        }
        if (query instanceof MatchNoDocsQuery) {
            return new Constant(false);
        }
        if (query instanceof TermQuery term) {
            return term(term.getTerm());
        }
        if (query instanceof PhraseQuery phrase && phrase.getSlop() == 0 && phrase.getTerms().length > 0
                && Fields.MESSAGE.equals(phrase.getTerms()[0].field())) {
            return new Phrase(phrase);
        }
        if (query instanceof AutomatonQuery automaton) {
            return new Automaton(automaton.getField(), new ByteRunAutomaton(automaton.getAutomaton()));
        }
        if (query instanceof PointRangeQuery range && range.getNumDims() == 1
                && range.getBytesPerDim() == Long.BYTES && isNumeric(range.getField())) {
            return new Range(range.getField(), LongPoint.decodeDimension(range.getLowerPoint(), 0),
                    LongPoint.decodeDimension(range.getUpperPoint(), 0));
        }
        if (query instanceof BooleanQuery bool) {
            return Bool.of(bool);
        }
        return null;
    }

    private static EventMatch term(Term term) {
        if (Fields.MESSAGE.equals(term.field())) {
            return new MessageTerm(term.text());
        }
        if (QueryNeed.FIELD_VALUES.contains(term.field())) {
            return new Keyword(term.field(), term.text());
        }
        return new Constant(false); // a field events do not have (facts' fields): as the index, no match
    }

    private static boolean isNumeric(String field) {
        return Fields.TIME.equals(field) || Fields.LINE.equals(field) || Fields.RECORD.equals(field);
    }

    /** The values of a keyword field of an event as the index writes them: cut and lower-cased. */
    private static List<String> keywordValues(LogEvent e, String field) {
        List<String> values = new ArrayList<>(1);
        for (String v : QueryNeed.strings(QueryNeed.valueOf(e, field))) {
            if (!v.isEmpty()) {
                values.add(EventDocument.term(v).toLowerCase(Locale.ROOT));
            }
        }
        return values;
    }

    private static final class Constant extends EventMatch {
        private final boolean answer;

        Constant(boolean answer) {
            this.answer = answer;
        }

        @Override
        boolean test(LogEvent e, MessageTokens message) {
            return answer;
        }
    }

    private static final class Keyword extends EventMatch {
        private final String field;
        private final String term;

        Keyword(String field, String term) {
            this.field = field;
            this.term = term;
        }

        @Override
        boolean test(LogEvent e, MessageTokens message) {
            return keywordValues(e, field).contains(term);
        }
    }

    private static final class MessageTerm extends EventMatch {
        private final String term;

        MessageTerm(String term) {
            this.term = term;
        }

        @Override
        boolean test(LogEvent e, MessageTokens message) {
            return e.message() != null && message.get().contains(term);
        }
    }

    private static final class Phrase extends EventMatch {
        private final String[] terms;
        private final int[] positions;

        Phrase(PhraseQuery phrase) {
            Term[] t = phrase.getTerms();
            this.terms = new String[t.length];
            for (int i = 0; i < t.length; i++) {
                terms[i] = t[i].text();
            }
            this.positions = phrase.getPositions();
        }

        @Override
        boolean test(LogEvent e, MessageTokens message) {
            if (e.message() == null) {
                return false;
            }
            List<String> tokens = message.get();
            int span = positions[positions.length - 1] - positions[0];
            for (int start = 0; start + span < tokens.size(); start++) {
                boolean all = true;
                for (int i = 0; i < terms.length && all; i++) {
                    all = terms[i].equals(tokens.get(start + positions[i] - positions[0]));
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Automaton extends EventMatch {
        private final String field;
        private final ByteRunAutomaton automaton;

        Automaton(String field, ByteRunAutomaton automaton) {
            this.field = field;
            this.automaton = automaton;
        }

        @Override
        boolean test(LogEvent e, MessageTokens message) {
            List<String> values;
            if (Fields.MESSAGE.equals(field)) {
                if (e.message() == null) {
                    return false;
                }
                values = message.get();
            } else if (QueryNeed.FIELD_VALUES.contains(field)) {
                values = keywordValues(e, field);
            } else {
                return false;
            }
            for (String v : values) {
                if (v != null) {
                    BytesRef bytes = new BytesRef(v);
                    if (automaton.run(bytes.bytes, bytes.offset, bytes.length)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final class Range extends EventMatch {
        private final String field;
        private final long low;
        private final long high;

        Range(String field, long low, long high) {
            this.field = field;
            this.low = low;
            this.high = high;
        }

        @Override
        boolean test(LogEvent e, MessageTokens message) {
            Long value = switch (field) {
                case Fields.TIME -> e.time() == null ? null : e.time().toEpochMilli();
                case Fields.LINE -> e.line();
                default -> e.record();
            };
            return value != null && value >= low && value <= high;
        }
    }

    private static final class Bool extends EventMatch {
        private final EventMatch[] required;
        private final EventMatch[] optional;
        private final EventMatch[] excluded;
        private final int minimumOptional;

        private Bool(List<EventMatch> required, List<EventMatch> optional, List<EventMatch> excluded, int minimum) {
            this.required = required.toArray(new EventMatch[0]);
            this.optional = optional.toArray(new EventMatch[0]);
            this.excluded = excluded.toArray(new EventMatch[0]);
            // as Lucene: without required clauses, one optional clause must match
            this.minimumOptional = required.isEmpty() ? Math.max(1, minimum) : minimum;
        }

        static EventMatch of(BooleanQuery bool) {
            List<EventMatch> required = new ArrayList<>();
            List<EventMatch> optional = new ArrayList<>();
            List<EventMatch> excluded = new ArrayList<>();
            for (BooleanClause clause : bool.clauses()) {
                EventMatch m = EventMatch.of(clause.getQuery());
                if (m == null) {
                    return null;
                }
                switch (clause.getOccur()) {
                    case MUST, FILTER -> required.add(m);
                    case SHOULD -> optional.add(m);
                    case MUST_NOT -> excluded.add(m);
                }
            }
            return new Bool(required, optional, excluded, bool.getMinimumNumberShouldMatch());
        }

        @Override
        boolean test(LogEvent e, MessageTokens message) {
            for (EventMatch m : required) {
                if (!m.test(e, message)) {
                    return false;
                }
            }
            for (EventMatch m : excluded) {
                if (m.test(e, message)) {
                    return false;
                }
            }
            if (minimumOptional == 0) {
                return true;
            }
            int matched = 0;
            for (EventMatch m : optional) {
                if (m.test(e, message) && ++matched >= minimumOptional) {
                    return true;
                }
            }
            return false;
        }
    }
}
