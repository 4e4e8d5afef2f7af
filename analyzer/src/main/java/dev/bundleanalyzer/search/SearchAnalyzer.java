package dev.bundleanalyzer.search;

import dev.bundleanalyzer.index.IndexAnalyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;

/**
 * The index's query analyzers, plus lower-casing of the terms the query parser does not analyze (wildcards,
 * prefixes, fuzzy terms, ranges): the index holds every keyword and message term lower-cased, so
 * {@code file:*CBEngine*} must look for {@code *cbengine*}. The index's own analyzers leave those terms as
 * typed.
 */
final class SearchAnalyzer extends AnalyzerWrapper {

    private final Analyzer queries = IndexAnalyzers.forQueries();

    SearchAnalyzer() {
        super(Analyzer.PER_FIELD_REUSE_STRATEGY);
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
        return queries;
    }

    @Override
    protected TokenStream wrapTokenStreamForNormalization(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
