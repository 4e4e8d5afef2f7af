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
        assertEquals(List.of("0x1fc07"), MessageWords.of("0x1FC07"));
        assertEquals(List.of("2", "0", "9249"), MessageWords.of("2.0.9249.0"));
        assertEquals(List.of("credentials"), MessageWords.of("Credentials"));
        assertEquals(List.of("cbengine", "exe"), MessageWords.of("cbengine.exe"));
        assertEquals(List.of("백", "업"), MessageWords.of("백업"));
        assertEquals(List.of("kelvin"), MessageWords.of("\u212Aelvin"), "the Kelvin sign lower-cases to k");
        assertEquals(List.of(), MessageWords.of("⚠ -- ,"));
        assertEquals(List.of("a".repeat(255), "a".repeat(45)), MessageWords.of("a".repeat(300)));
        assertEquals(List.of("1".repeat(255), "11"), MessageWords.of("1".repeat(257)));
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
                Set<String> words = new HashSet<>(wordsOf(s));
                List<Long> hashes = new ArrayList<>();
                MessageWords.hashes(List.of(s), hashes::add);
                assertEquals(wordsOf(s).stream().map(BlockFilter::word).toList(), hashes,
                        () -> "the hashes of the words of '" + s + "'");
                for (String token : tokens(analyzer, s)) {
                    for (String piece : MessageWords.of(token)) {
                        assertTrue(words.contains(piece), () -> "'" + piece + "' of token '" + token + "' in '" + s
                                + "' is not among its words " + words);
                    }
                }
            }
        }
    }

    private static List<String> wordsOf(String text) {
        List<String> words = new ArrayList<>();
        MessageWords.forEach(List.of(text), (chars, length) -> words.add(new String(chars, 0, length)));
        return words;
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
