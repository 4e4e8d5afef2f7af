package dev.bundleanalyzer.search;

/**
 * A search query that cannot be run, with where the problem is so that the command line can point at it.
 * Never carries a parser's stack of expected tokens: the message is one line an engineer can act on.
 */
public final class QueryProblem extends Exception {

    private final String query;
    private final int offset;

    /**
     * @param offset index in {@code query} of the character the problem is at ({@code query.length()} for its
     *               end), or -1 when no single place is to blame
     */
    public QueryProblem(String query, int offset, String message) {
        super(message);
        this.query = query;
        this.offset = offset < 0 ? -1 : Math.min(offset, query.length());
    }

    public String query() {
        return query;
    }

    /** 1-based column of the problem, or 0 when it has none. */
    public int column() {
        return offset + 1;
    }

    /** The message with its column, e.g. {@code query error at column 7: ')' has no matching '('}. */
    public String headline() {
        return offset < 0 ? "query error: " + getMessage() : "query error at column " + column() + ": " + getMessage();
    }

    /** The query and a caret under the problem, two lines, each indented by {@code indent}; empty without a column. */
    public String pointer(String indent) {
        if (offset < 0) {
            return "";
        }
        // one line, and the caret under its character: tabs stay tabs, other controls show as spaces
        StringBuilder shown = new StringBuilder();
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            shown.append(c == '\t' || !Character.isISOControl(c) ? c : ' ');
            if (i < offset) {
                pad.append(c == '\t' ? '\t' : ' ');
            }
        }
        return indent + shown + System.lineSeparator() + indent + pad + "^";
    }
}
