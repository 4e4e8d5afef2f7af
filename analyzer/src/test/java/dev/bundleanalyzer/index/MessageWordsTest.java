package dev.bundleanalyzer.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class MessageWordsTest {

    private static final String ALPHABET = "abcXYZ019 .,:;'_-/\\@#()[]\"\t\u212A\u0130éÜ백업日本\u00B7\u2019⚠\uD83D\uDE00";

    @Test
    void wordsAreRunsOfAsciiLettersAndDigitsAndEveryOtherLetterAlone() {
        assertEquals(words("0x1fc07"), hashesOf("0x1FC07"));
        assertEquals(words("2", "0", "9249", "0"), hashesOf("2.0.9249.0"));
        assertEquals(words("credentials"), hashesOf("Credentials"));
        assertEquals(words("cbengine", "exe"), hashesOf("cbengine.exe"));
        assertEquals(words("백", "업"), hashesOf("백업"));
        assertEquals(words("kelvin"), hashesOf("\u212Aelvin"), "the Kelvin sign lower-cases to k");
        assertEquals(words(), hashesOf("⚠ -- ,"));
        assertEquals(words("a".repeat(255), "a".repeat(45)), hashesOf("a".repeat(300)));
        assertEquals(words("1".repeat(255), "11"), hashesOf("1".repeat(257)));
        assertEquals(words("日", "本"), hashesOf("日本"), "ideographs one by one");
    }

    /**
     * The property a block search rests on: every piece of every token the message analyzer finds in a text is a
     * word of that text, so a block that lacks a piece cannot hold the token.
     */
    @Test
    void thePiecesOfEveryAnalysedTokenAreWordsOfTheText() throws IOException {
        Random random = new Random(11);
        try (Analyzer analyzer = IndexAnalyzers.message()) {
            for (int round = 0; round < 20_000; round++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    int at = random.nextInt(ALPHABET.length());
                    char c = ALPHABET.charAt(at);
                    text.append(Character.isHighSurrogate(c) ? ALPHABET.substring(at, at + 2) : Character.isLowSurrogate(c) ? "z" : String.valueOf(c));
                }
                String s = text.toString();
                Set<Long> words = new HashSet<>(hashesOf(s));
                for (String token : tokens(analyzer, s)) {
                    for (long piece : hashesOf(token)) {
                        assertTrue(words.contains(piece), () -> "a word of token '" + token + "' in '" + s
                                + "' is not among the words of the text");
                    }
                }
            }
        }
    }

    /** The hashes of the words of a text, in order, as a block's filter gets them. */
    private static List<Long> hashesOf(String text) {
        List<Long> hashes = new ArrayList<>();
        MessageWords.hashes(List.of(text), hashes::add);
        return hashes;
    }

    private static List<Long> words(String... words) {
        return java.util.Arrays.stream(words).map(BlockFilter::word).toList();
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Fields.MESSAGE, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                tokens.add(term.toString());
            }
            ts.end();
        }
        return tokens;
    }
}
