package dev.bundleanalyzer.index;

import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;

/** What the walkers of a query's tree (its need, its relaxed form, its direct form) share. */
final class QueryShapes {

    private QueryShapes() {
    }

    /** The query inside boosts and constant scores, which change the score of a match, never what matches. */
    static Query unwrap(Query query) {
        Query q = query;
        while (true) {
            if (q instanceof BoostQuery boost) {
                q = boost.getQuery();
            } else if (q instanceof ConstantScoreQuery constant) {
                q = constant.getQuery();
            } else {
                return q;
            }
        }
    }
}
