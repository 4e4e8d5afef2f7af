package dev.bundleanalyzer.search;

import dev.bundleanalyzer.index.Fields;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;

/**
 * A search as typed, ready to run: the Lucene query for each index, the report folders it applies to, and
 * whether it is about events only. Facts (command output read into key and value) share the index with
 * events; they are searched only when the query names {@code type}, {@code factKey} or {@code factValue},
 * since a word search should list log lines, not every fact that happens to hold the word.
 *
 * @param since first millisecond searched, or {@code null}
 * @param until last millisecond searched, or {@code null}
 */
public record SearchQuery(String text, Query query, ReportFilter reports, boolean eventsOnly, Long since, Long until) {

    /** @throws QueryProblem when the text does not parse, with the place of the problem */
    public static SearchQuery parse(String text, TimeBound since, TimeBound until) throws QueryProblem {
        Long from = since == null ? null : since.first();
        Long to = until == null ? null : until.last();
        if (text.isBlank()) {
            return new SearchQuery(text, new MatchAllDocsQuery(), ReportFilter.ALL, true, from, to);
        }
        Query parsed;
        try {
            parsed = new SearchQueryParser(text).parse(text);
        } catch (ParseException e) {
            throw ParseErrors.describe(text, e);
        } catch (RuntimeException e) {
            // an automaton too complex to build, a term Lucene refuses: the query's fault, not a crash
            throw new QueryProblem(text, -1, String.valueOf(e.getMessage()).lines().findFirst().orElse("cannot run the query"));
        }
        if (parsed instanceof BooleanQuery bq && bq.clauses().isEmpty()) {
            throw new QueryProblem(text, -1, "the query holds no word that can be searched for");
        }
        ReportFilter.Split split = ReportFilter.split(text, parsed);
        boolean eventsOnly = !names(split.rest(), Set.of(Fields.TYPE, Fields.FACT_KEY, Fields.FACT_VALUE));
        return new SearchQuery(text, split.rest(), split.filter(), eventsOnly, from, to);
    }

    /** The query one index runs: the parsed one, limited to events and to the time window as asked. */
    public Query forIndex() {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        if (eventsOnly) {
            b.add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_EVENT)), BooleanClause.Occur.FILTER);
        }
        if (since != null || until != null) {
            b.add(LongPoint.newRangeQuery(Fields.TIME, since == null ? Long.MIN_VALUE : since,
                    until == null ? Long.MAX_VALUE : until), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    private static boolean names(Query query, Set<String> fields) {
        Set<String> seen = new HashSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                seen.add(field);
                return false;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return seen.stream().anyMatch(fields::contains);
    }
}
