package dev.bundleanalyzer.index;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/** The block documents whose {@link BlockFilter} may hold every one of some hashes. */
final class BlockFilterQuery extends Query {

    private final long[] hashes;
    private final String description;

    /**
     * @param description what the hashes are of, for {@link #toString}
     */
    BlockFilterQuery(long[] hashes, String description) {
        this.hashes = hashes.clone();
        this.description = description;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) throws IOException {
                BinaryDocValues filters = DocValues.getBinary(context.reader(), Fields.BLOCK_FILTER);
                TwoPhaseIterator mayHold = new TwoPhaseIterator(filters) {
                    @Override
                    public boolean matches() throws IOException {
                        return BlockFilter.mayHoldAll(filters.binaryValue(), hashes);
                    }

                    @Override
                    public float matchCost() {
                        return hashes.length * BlockFilter.PROBES;
                    }
                };
                return new ConstantScoreScorer(this, score(), scoreMode, mayHold);
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                return DocValues.isCacheable(context, Fields.BLOCK_FILTER);
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(Fields.BLOCK_FILTER)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String field) {
        return "blockFilter(" + description + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && Arrays.equals(hashes, ((BlockFilterQuery) other).hashes);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + Arrays.hashCode(hashes);
    }
}
