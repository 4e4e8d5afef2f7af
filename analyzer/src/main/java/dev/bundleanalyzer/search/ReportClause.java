package dev.bundleanalyzer.search;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * A {@code host:} or {@code bundle:} clause. Neither is a field of the index (a bundle's index does not know
 * which machine or archive it came from; its report's findings.json does), so the parser leaves this
 * placeholder in the query tree, and {@link ReportFilter} takes it out and applies it to report folders.
 * It matches no document if it ever reaches a searcher.
 */
final class ReportClause extends Query {

    static final String HOST = "host";
    static final String BUNDLE = "bundle";

    private final String field;
    private final String value;
    private final Pattern glob;
    private final int offset;

    /**
     * @param value  as typed; {@code *} and {@code ?} are wildcards when {@code wildcard}
     * @param offset where in the query the clause's value starts, for error messages
     */
    ReportClause(String field, String value, boolean wildcard, int offset) {
        this.field = field;
        this.value = value;
        this.glob = wildcard ? globPattern(value) : null;
        this.offset = offset;
    }

    String field() {
        return field;
    }

    int offset() {
        return offset;
    }

    /** Whether the folder's host or bundle name is this value, ignoring case; a folder without one never is. */
    boolean matches(ReportFolder folder) {
        String actual = field.equals(HOST) ? folder.host() : folder.bundle();
        if (actual == null) {
            return false;
        }
        return glob != null ? glob.matcher(actual).matches() : actual.equalsIgnoreCase(value);
    }

    private static Pattern globPattern(String value) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                regex.append(Pattern.quote(String.valueOf(value.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    @Override
    public String toString(String defaultField) {
        return field + ":" + value;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) {
        return new MatchNoDocsQuery("a " + field + ": clause is not a field of the index");
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && field.equals(((ReportClause) other).field)
                && value.toLowerCase(Locale.ROOT).equals(((ReportClause) other).value.toLowerCase(Locale.ROOT))
                && (glob == null) == (((ReportClause) other).glob == null);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), field, value.toLowerCase(Locale.ROOT), glob == null);
    }
}
