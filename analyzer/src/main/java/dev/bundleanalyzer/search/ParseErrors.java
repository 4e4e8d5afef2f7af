package dev.bundleanalyzer.search;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.IndexSearcher;

/**
 * Turns the classic parser's errors (a token, and a list of every token it would have taken) into one
 * sentence and a place in the query. The parser counts columns from 0 for tokens, and from 1 past the
 * last character read for lexical errors.
 */
final class ParseErrors {

    private static final Pattern LEXICAL = Pattern.compile("column (\\d+)\\.\\s+Encountered: (.*?)(?: after prefix \"(.*)\")?"
            + " \\(in lexical state", Pattern.DOTALL);

    /** Tokens after which a query cannot end. */
    private static final Set<Integer> OPERATORS = Set.of(QueryParserConstants.AND, QueryParserConstants.OR,
            QueryParserConstants.NOT, QueryParserConstants.PLUS, QueryParserConstants.MINUS,
            QueryParserConstants.BAREOPER, QueryParserConstants.COLON, QueryParserConstants.LPAREN);

    private ParseErrors() {
    }

    static QueryProblem describe(String query, ParseException wrapper) {
        Throwable cause = wrapper.getCause() != null ? wrapper.getCause() : wrapper;
        if (cause instanceof SearchQueryParser.PlacedParseException placed) {
            return new QueryProblem(query, placed.offset, placed.getMessage());
        }
        if (cause instanceof ParseException e && e.currentToken != null && e.currentToken.next != null) {
            return unexpected(query, e.currentToken.next, e);
        }
        if (cause instanceof TokenMgrError lexical) {
            return lexical(query, lexical);
        }
        if (cause instanceof IndexSearcher.TooManyClauses) {
            return new QueryProblem(query, -1, "the query has too many clauses");
        }
        String message = cause.getMessage() == null ? wrapper.getMessage() : cause.getMessage();
        return new QueryProblem(query, -1, message.lines().findFirst().orElse("cannot parse the query"));
    }

    private static QueryProblem unexpected(String query, Token next, ParseException e) {
        int at = next.beginColumn;
        if (next.kind == QueryParserConstants.EOF) {
            if (OPERATORS.contains(e.currentToken.kind)) {
                return new QueryProblem(query, query.length(), "the query ends where a term was expected");
            }
            int open = unclosedParenthesis(query);
            if (open >= 0) {
                return new QueryProblem(query, open, "'(' is not closed");
            }
            if (expects(e, QueryParserConstants.RANGE_TO)) {
                return new QueryProblem(query, query.length(), "the range is not finished: write [FROM TO UNTIL]");
            }
            return new QueryProblem(query, query.length(), "the query ends where a term was expected");
        }
        return switch (next.kind) {
            case QueryParserConstants.RPAREN -> new QueryProblem(query, at, "')' has no matching '('");
            case QueryParserConstants.COLON -> new QueryProblem(query, at, "unexpected ':': put a value that holds ':'"
                    + " in quotes, e.g. source:\"a:b\", or write times in a range, e.g. time:[2026-10-21T22:30 TO *]");
            case QueryParserConstants.AND, QueryParserConstants.OR, QueryParserConstants.NOT ->
                    new QueryProblem(query, at, "'" + next.image + "' needs a term on both sides");
            default -> new QueryProblem(query, at, "unexpected '" + next.image + "'");
        };
    }

    private static QueryProblem lexical(String query, TokenMgrError error) {
        Matcher m = LEXICAL.matcher(String.valueOf(error.getMessage()));
        if (!m.find()) {
            return new QueryProblem(query, -1, "cannot read the query");
        }
        int end = Integer.parseInt(m.group(1)) - 1; // the character after the last one read
        String prefix = m.group(3) == null ? "" : unescape(m.group(3));
        int start = Math.max(0, Math.min(query.length(), end) - prefix.length());
        if (prefix.startsWith("\"")) {
            return new QueryProblem(query, start, "the quote is not closed");
        }
        if (prefix.startsWith("/")) {
            return new QueryProblem(query, start, "'/' starts a regular expression that is not closed: put a value"
                    + " that holds '/' in quotes, e.g. file:\"Temp/CBEngineCurr.errlog\"");
        }
        if (m.group(2).startsWith("<EOF>") && query.endsWith("\\")) {
            return new QueryProblem(query, query.length() - 1, "'\\' at the end escapes nothing");
        }
        return new QueryProblem(query, Math.min(end, query.length()), "unexpected character");
    }

    private static boolean expects(ParseException e, int kind) {
        if (e.expectedTokenSequences == null) {
            return false;
        }
        for (int[] sequence : e.expectedTokenSequences) {
            if (sequence.length > 0 && sequence[0] == kind) {
                return true;
            }
        }
        return false;
    }

    /** Index of the first '(' left open, outside quotes and escapes, or -1. */
    private static int unclosedParenthesis(String query) {
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        boolean quoted = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                open.push(i);
            } else if (!quoted && c == ')' && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.isEmpty() ? -1 : open.peekLast();
    }

    /** Undoes the escaping of the parser's error message (TokenMgrError.addEscapes), to count characters. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                if (n == 'u' && i + 4 < s.length()) {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
