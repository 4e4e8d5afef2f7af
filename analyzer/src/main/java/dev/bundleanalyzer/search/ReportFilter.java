package dev.bundleanalyzer.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Which report folders a query searches, from its {@code host:} and {@code bundle:} clauses. Those pick
 * folders rather than documents, so they can only narrow the query as a whole: a top-level required clause
 * ({@code host:FS01 AND ...}), a top-level excluded one ({@code -host:FS01}), or a top-level OR of such clauses
 * alone ({@code host:(FS01 OR FS02)}). Inside an OR with other clauses, or deeper in a group, a folder cannot
 * both match and not match, so that is an error.
 *
 * @param required each entry is one required clause: a folder must match one of its names
 * @param excluded a folder must match none of these
 */
record ReportFilter(List<List<ReportClause>> required, List<ReportClause> excluded) {

    static final ReportFilter ALL = new ReportFilter(List.of(), List.of());

    private static final String WHERE = "host: and bundle: choose which reports are searched, so they can only"
            + " narrow the whole query (host:FS01 AND ..., -host:FS01, host:(FS01 OR FS02)),"
            + " not sit inside an OR or a group";

    boolean accepts(ReportFolder folder) {
        for (List<ReportClause> anyOf : required) {
            if (anyOf.stream().noneMatch(c -> c.matches(folder))) {
                return false;
            }
        }
        return excluded.stream().noneMatch(c -> c.matches(folder));
    }

    /** Whether deciding needs the folder's host name. */
    boolean needsHost() {
        return required.stream().flatMap(List::stream).anyMatch(c -> c.field().equals(ReportClause.HOST))
                || excluded.stream().anyMatch(c -> c.field().equals(ReportClause.HOST));
    }

    /** A parsed query taken apart: what runs on the indexes, and which folders it runs on. */
    record Split(Query rest, ReportFilter filter) {
    }

    static Split split(String text, Query query) throws QueryProblem {
        List<ReportClause> whole = anyOf(query);
        if (whole != null) {
            return new Split(new MatchAllDocsQuery(), new ReportFilter(List.of(whole), List.of()));
        }
        if (!(query instanceof BooleanQuery bq)) {
            refuseInside(text, query);
            return new Split(query, ALL);
        }
        List<List<ReportClause>> required = new ArrayList<>();
        List<ReportClause> excluded = new ArrayList<>();
        List<BooleanClause> kept = new ArrayList<>();
        for (BooleanClause clause : bq.clauses()) {
            List<ReportClause> group = anyOf(clause.getQuery());
            if (group == null) {
                refuseInside(text, clause.getQuery());
                kept.add(clause);
            } else if (clause.getOccur() == BooleanClause.Occur.SHOULD) {
                throw misplaced(text, group.get(0));
            } else if (clause.isProhibited()) {
                excluded.addAll(group);
            } else {
                required.add(group);
            }
        }
        if (required.isEmpty() && excluded.isEmpty()) {
            return new Split(query, ALL);
        }
        return new Split(rebuild(bq, kept), new ReportFilter(List.copyOf(required), List.copyOf(excluded)));
    }

    private static Query rebuild(BooleanQuery original, List<BooleanClause> kept) {
        if (kept.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(original.getMinimumNumberShouldMatch());
        kept.forEach(b::add);
        BooleanQuery rest = b.build();
        return kept.stream().allMatch(BooleanClause::isProhibited) ? SearchQueryParser.allBut(rest) : rest;
    }

    /** The clause as a list of alternative names, or {@code null} when it is not made of host:/bundle: alone. */
    private static List<ReportClause> anyOf(Query query) {
        Query q = unboosted(query);
        if (q instanceof ReportClause clause) {
            return List.of(clause);
        }
        if (q instanceof BooleanQuery bq && !bq.clauses().isEmpty() && bq.getMinimumNumberShouldMatch() <= 1) {
            List<ReportClause> names = new ArrayList<>();
            for (BooleanClause c : bq.clauses()) {
                if (c.getOccur() != BooleanClause.Occur.SHOULD || !(unboosted(c.getQuery()) instanceof ReportClause clause)) {
                    return null;
                }
                names.add(clause);
            }
            return names;
        }
        return null;
    }

    private static void refuseInside(String text, Query query) throws QueryProblem {
        Query q = unboosted(query);
        if (q instanceof ReportClause clause) {
            throw misplaced(text, clause);
        }
        if (q instanceof BooleanQuery bq) {
            for (BooleanClause c : bq.clauses()) {
                refuseInside(text, c.getQuery());
            }
        }
    }

    private static QueryProblem misplaced(String text, ReportClause clause) {
        return new QueryProblem(text, clause.offset(), WHERE);
    }

    private static Query unboosted(Query query) {
        Query q = query;
        while (q instanceof BoostQuery boost) {
            q = boost.getQuery();
        }
        return q;
    }
}
