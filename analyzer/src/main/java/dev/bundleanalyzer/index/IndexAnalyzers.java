package dev.bundleanalyzer.index;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/** The analyzers of the bundle index, shared by indexing and querying so both see the same terms. */
public final class IndexAnalyzers {

    private IndexAnalyzers() {
    }

    /**
     * Message text: Unicode word breaks (which keep {@code 0x1FC07}, {@code 34513} and {@code 2.0.9249.0}
     * whole, and split Korean text into words), lower-cased, no stop words, no stemming: error IDs and
     * product terms must match exactly.
     */
    public static Analyzer message() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                tokenizer.setMaxTokenLength(255);
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
    }

    /** Keyword fields: the whole value as one lower-cased term. */
    public static Analyzer keyword() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new KeywordTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }
        };
    }

    /** Per-field analyzer for query parsing: keyword fields whole, everything else as message text. */
    public static Analyzer forQueries() {
        Analyzer keyword = keyword();
        Map<String, Analyzer> perField = new HashMap<>();
        for (String field : Fields.KEYWORDS) {
            perField.put(field, keyword);
        }
        return new PerFieldAnalyzerWrapper(message(), perField);
    }
}
