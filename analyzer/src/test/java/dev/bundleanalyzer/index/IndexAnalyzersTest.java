package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class IndexAnalyzersTest {

    private static List<String> terms(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Fields.MESSAGE, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    @Test
    void messageAnalyzerKeepsErrorCodesAndVersionsWhole() throws IOException {
        assertEquals(List.of("failed", "hr", "0x1fc07", "id", "34513", "agent", "2.0.9249.0"),
                terms(IndexAnalyzers.message(), "Failed: Hr: = [0x1FC07] (ID: 34513) agent 2.0.9249.0"));
    }

    @Test
    void messageAnalyzerSplitsKoreanIntoWords() throws IOException {
        assertEquals(List.of("자격", "증명이", "잘못되었습니다"), terms(IndexAnalyzers.message(), "자격 증명이 잘못되었습니다."));
    }

    @Test
    void keywordQueriesIgnoreCase() throws Exception {
        assertEquals("errorCode:0x1fc07", BundleIndex.parse("errorCode:0x1FC07").toString());
        assertEquals("level:fatal", BundleIndex.parse("level:FATAL").toString());
    }

    @Test
    void queryErrorsSayWhere() {
        QuerySyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(QuerySyntaxException.class,
                () -> BundleIndex.parse("level:FATAL AND (message:x"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("query syntax error"), e.getMessage());
    }
}
