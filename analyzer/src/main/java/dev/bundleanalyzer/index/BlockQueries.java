package dev.bundleanalyzer.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.LongRange;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a query on events into a query on the blocks that hold them: a block matches when one of its events may
 * match, never less. Keyword terms stay as they are (a block has every value of its events), or ask the block's
 * {@link BlockFilter} for fields of nearly unique values; a message term asks the filter for its
 * {@link MessageWords words}, a phrase for those of all its terms; a range of times, lines or record
 * numbers meets the block's span; what says nothing about a block (an excluded clause, a message wildcard) matches
 * every block. The events of each candidate block then meet the query itself.
 */
final class BlockQueries {

    private static final Query EVERY_BLOCK = new MatchAllDocsQuery();

    private BlockQueries() {
    }

    /** The query on blocks for a query on events. */
    static Query relax(Query query) {
        query = QueryShapes.unwrap(query);
        if (query instanceof MatchAllDocsQuery) {
            return EVERY_BLOCK;
        }
        if (query instanceof MatchNoDocsQuery) {
            return query;
        }
        if (query instanceof TermQuery term) {
            return term(term.getTerm());
        }
        if (query instanceof PhraseQuery phrase) {
            List<Query> all = new ArrayList<>();
            for (Term t : phrase.getTerms()) {
                all.add(term(t));
            }
            return allOf(all);
        }
        if (query instanceof MultiTermQuery multi) {
            // prefix, wildcard, regular expression, fuzzy, term range: exact on keywords, open on message words
            return Fields.MESSAGE.equals(multi.getField()) || Fields.FILTERED.contains(multi.getField()) ? EVERY_BLOCK
                    : query;
        }
        if (query instanceof PointRangeQuery range && range.getNumDims() == 1 && range.getBytesPerDim() == Long.BYTES) {
            String span = spanOf(range.getField());
            if (span == null) {
                return EVERY_BLOCK;
            }
            long low = LongPoint.decodeDimension(range.getLowerPoint(), 0);
            long high = LongPoint.decodeDimension(range.getUpperPoint(), 0);
            return LongRange.newIntersectsQuery(span, new long[] {low}, new long[] {high});
        }
        if (query instanceof BooleanQuery bool) {
            return bool(bool);
        }
        return EVERY_BLOCK; // anything else: the events decide
    }

    private static Query bool(BooleanQuery bool) {
        List<Query> required = new ArrayList<>();
        List<Query> optional = new ArrayList<>();
        boolean optionalOpen = false;
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> required.add(relax(clause.getQuery()));
                case SHOULD -> {
                    Query relaxed = relax(clause.getQuery());
                    optionalOpen |= relaxed == EVERY_BLOCK;
                    optional.add(relaxed);
                }
                case MUST_NOT -> {
                    // a block with an excluded event may still hold one that is not
                }
            }
        }
        boolean optionalNeeded = required.isEmpty() || bool.getMinimumNumberShouldMatch() > 0;
        if (optionalNeeded && !optional.isEmpty() && !optionalOpen) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            optional.forEach(q -> any.add(q, BooleanClause.Occur.SHOULD));
            required.add(optional.size() == 1 ? optional.get(0) : any.build());
        }
        if (required.isEmpty() && optional.isEmpty()) {
            return new MatchNoDocsQuery("only excluded clauses"); // as Lucene: a purely negative query matches nothing
        }
        return allOf(required);
    }

    private static Query term(Term term) {
        if (Fields.FILTERED.contains(term.field())) {
            return new BlockFilterQuery(new long[] {BlockFilter.keyword(term.field(), term.text())}, term.toString());
        }
        if (!Fields.MESSAGE.equals(term.field())) {
            return new TermQuery(term);
        }
        java.util.stream.LongStream.Builder words = java.util.stream.LongStream.builder();
        MessageWords.hashes(List.of(term.text()), words::add);
        long[] hashes = words.build().distinct().toArray();
        return hashes.length == 0 ? EVERY_BLOCK : new BlockFilterQuery(hashes, term.toString());
    }

    private static Query allOf(List<Query> all) {
        List<Query> kept = all.stream().filter(q -> q != EVERY_BLOCK).toList();
        if (kept.isEmpty()) {
            return EVERY_BLOCK;
        }
        if (kept.size() == 1) {
            return kept.get(0);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        kept.forEach(q -> b.add(q, BooleanClause.Occur.FILTER));
        return b.build();
    }

    /** The block field holding the span of an event field's values, or {@code null}. */
    private static String spanOf(String field) {
        return switch (field) {
            case Fields.TIME -> Fields.BLOCK_TIME_SPAN;
            case Fields.LINE -> Fields.BLOCK_LINE_SPAN;
            case Fields.RECORD -> Fields.BLOCK_RECORD_SPAN;
            default -> null;
        };
    }
}
