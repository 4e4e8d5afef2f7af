package dev.bundleanalyzer.index;

import org.apache.lucene.queryparser.classic.ParseException;

/** A query that does not parse, with where and why in words a user can act on. */
public class QuerySyntaxException extends Exception {

    public QuerySyntaxException(String query, ParseException cause) {
        super(describe(query, cause), cause);
    }

    private static String describe(String query, ParseException e) {
        if (e.currentToken != null && e.currentToken.next != null) {
            int column = e.currentToken.next.beginColumn;
            return "query syntax error at column " + column + " of '" + query + "': unexpected '"
                    + e.currentToken.next.image + "'";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return "query syntax error in '" + query + "': " + message;
    }
}
