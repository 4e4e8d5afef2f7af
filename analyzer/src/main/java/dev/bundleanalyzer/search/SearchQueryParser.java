package dev.bundleanalyzer.search;

import dev.bundleanalyzer.index.Fields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;

/**
 * Lucene's classic query syntax over a bundle index, the way an engineer reads the fields rather than the
 * way Lucene stores them:
 * <ul>
 *   <li>words are joined by AND: hits are listed by time, not by relevance, so an OR default would bury the
 *       lines that match every word among those that match one;</li>
 *   <li>{@code line}, {@code record} and {@code time} are points, not terms: single values and ranges become
 *       point queries, and times are read as ISO dates ({@link TimeBound});</li>
 *   <li>wildcard, prefix, fuzzy, range and regular-expression terms ignore case like the rest
 *       ({@link SearchAnalyzer});</li>
 *   <li>field names ignore case, and an unknown one is an error rather than a silent empty result;</li>
 *   <li>{@code host:} and {@code bundle:} become {@link ReportClause} placeholders;</li>
 *   <li>a group of only negative clauses ({@code -level:NORMAL}) means "all but", not "nothing".</li>
 * </ul>
 */
final class SearchQueryParser extends QueryParser {

    /** Every field a query may name, by its lower-cased name. */
    static final Map<String, String> FIELDS = fields();

    private static final Pattern CUT_AT_COLON = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}");

    private final String text;

    SearchQueryParser(String text) {
        super(Fields.MESSAGE, new SearchAnalyzer());
        this.text = text;
        setDefaultOperator(AND_OPERATOR);
        setAllowLeadingWildcard(true);
        setSplitOnWhitespace(true);
        // one typed word that the analyzer splits (cbpactivate.cpp(311)) is one phrase, not loose words
        setAutoGeneratePhraseQueries(true);
    }

    private static Map<String, String> fields() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String f : List.of(Fields.TYPE, Fields.TIME, Fields.FILE, Fields.LINE, Fields.RECORD, Fields.LEVEL,
                Fields.COMPONENT, Fields.PROCESS, Fields.THREAD, Fields.SOURCE, Fields.ACTIVITY_ID, Fields.ERROR_CODE,
                Fields.CHANNEL, Fields.EVENT_ID, Fields.COMPUTER, Fields.MESSAGE, Fields.FACT_KEY, Fields.FACT_VALUE,
                Fields.TIME_ASSUMED, ReportClause.HOST, ReportClause.BUNDLE)) {
            names.put(f.toLowerCase(Locale.ROOT), f);
        }
        return names;
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
        String f = known(field);
        int at = offsetOf(queryText);
        switch (f) {
            case ReportClause.HOST, ReportClause.BUNDLE -> {
                return new ReportClause(f, queryText, false, at);
            }
            case Fields.LINE, Fields.RECORD -> {
                long n = number(f, queryText, at);
                return LongPoint.newExactQuery(f, n);
            }
            case Fields.TIME -> {
                TimeBound t = time(queryText, at);
                return LongPoint.newRangeQuery(f, t.first(), t.last());
            }
            default -> {
                return super.getFieldQuery(f, queryText, quoted);
            }
        }
    }

    @Override
    protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                                  boolean endInclusive) throws ParseException {
        String f = known(field);
        switch (f) {
            case Fields.LINE, Fields.RECORD -> {
                long low = part1 == null ? Long.MIN_VALUE : number(f, part1, offsetOf(part1));
                long high = part2 == null ? Long.MAX_VALUE : number(f, part2, offsetOf(part2));
                return points(f, low, startInclusive || part1 == null, high, endInclusive || part2 == null);
            }
            case Fields.TIME -> {
                long low = Long.MIN_VALUE;
                long high = Long.MAX_VALUE;
                boolean lowIn = true;
                boolean highIn = true;
                if (part1 != null) {
                    TimeBound t = time(part1, offsetOf(part1));
                    low = startInclusive ? t.first() : t.last();
                    lowIn = startInclusive;
                }
                if (part2 != null) {
                    TimeBound t = time(part2, offsetOf(part2));
                    high = endInclusive ? t.last() : t.first();
                    highIn = endInclusive;
                }
                return points(f, low, lowIn, high, highIn);
            }
            case Fields.EVENT_ID -> throw new PlacedParseException(offsetOf(part1 != null ? part1 : "eventId"),
                    "eventId is matched exactly, not by range: list the IDs, e.g. eventId:(10 OR 11 OR 18)");
            case ReportClause.HOST, ReportClause.BUNDLE -> throw notSupported(f, "a range", part1);
            default -> {
                // the classic parser would first try the locale's short date format on both ends; keywords are not dates
                return newRangeQuery(f, part1, part2, startInclusive, endInclusive);
            }
        }
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        if ("*".equals(field)) {
            return super.getWildcardQuery(field, termStr);
        }
        String f = known(field);
        if (f.equals(ReportClause.HOST) || f.equals(ReportClause.BUNDLE)) {
            return new ReportClause(f, termStr, true, offsetOf(termStr));
        }
        refuseNumeric(f, "a wildcard", termStr);
        if (termStr.equals("*") && f.equals(Fields.MESSAGE)) {
            return new MatchAllDocsQuery(); // a bare *: everything, as an engineer means it
        }
        return super.getWildcardQuery(f, termStr);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        String f = known(field);
        if (f.equals(ReportClause.HOST) || f.equals(ReportClause.BUNDLE)) {
            return new ReportClause(f, termStr + "*", true, offsetOf(termStr));
        }
        refuseNumeric(f, "a wildcard", termStr);
        return super.getPrefixQuery(f, termStr);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
        String f = known(field);
        refuseReport(f, "a fuzzy term", termStr);
        refuseNumeric(f, "a fuzzy term", termStr);
        return super.getFuzzyQuery(f, termStr, minSimilarity);
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
        String f = known(field);
        refuseReport(f, "a regular expression", termStr);
        refuseNumeric(f, "a regular expression", termStr);
        try {
            // terms are stored lower-cased; lower-casing the expression instead would turn \W into \w
            return new RegexpQuery(new Term(f, termStr), RegExp.ALL, RegExp.ASCII_CASE_INSENSITIVE,
                    Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        } catch (IllegalArgumentException e) {
            throw new PlacedParseException(offsetOf(termStr), "/" + termStr + "/ is not a valid regular expression: "
                    + e.getMessage());
        }
    }

    @Override
    protected Query getBooleanQuery(List<BooleanClause> clauses) throws ParseException {
        Query query = super.getBooleanQuery(clauses);
        if (query instanceof BooleanQuery bq && bq.clauses().stream().allMatch(BooleanClause::isProhibited)) {
            return allBut(bq);
        }
        return query;
    }

    /** A query of only negative clauses matches nothing in Lucene; this one matches everything else. */
    static Query allBut(BooleanQuery negatives) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        negatives.clauses().forEach(b::add);
        return b.build();
    }

    private static Query points(String field, long low, boolean lowInclusive, long high, boolean highInclusive) {
        if (!lowInclusive) {
            if (low == Long.MAX_VALUE) {
                return new MatchNoDocsQuery("nothing lies after the largest value");
            }
            low++;
        }
        if (!highInclusive) {
            if (high == Long.MIN_VALUE) {
                return new MatchNoDocsQuery("nothing lies before the smallest value");
            }
            high--;
        }
        return LongPoint.newRangeQuery(field, low, high);
    }

    private String known(String field) throws ParseException {
        String f = FIELDS.get(field.toLowerCase(Locale.ROOT));
        if (f != null) {
            return f;
        }
        int at = text.indexOf(field + ":");
        String hint = field.equalsIgnoreCase(Fields.RAW)
                ? "raw is stored for display, not searchable: search message instead"
                : "unknown field '" + field + "'";
        throw new PlacedParseException(at, hint + "; fields: " + FIELDS.values().stream().collect(Collectors.joining(" ")));
    }

    private static long number(String field, String value, int at) throws ParseException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new PlacedParseException(at, field + " takes a whole number, not '" + value + "'");
        }
    }

    private static TimeBound time(String value, int at) throws ParseException {
        try {
            return TimeBound.parse(value);
        } catch (IllegalArgumentException e) {
            // time:2026-10-21T22:30 reaches here as 2026-10-21T22: the parser took the ':' for a field separator
            String hint = CUT_AT_COLON.matcher(value).matches()
                    ? "; a time with ':' goes in quotes, time:\"2026-10-21T22:30\", or in a range, time:[2026-10-21T22:30 TO *]"
                    : "";
            throw new PlacedParseException(at, "time: " + e.getMessage() + hint);
        }
    }

    private void refuseNumeric(String field, String what, String value) throws ParseException {
        if (field.equals(Fields.LINE) || field.equals(Fields.RECORD) || field.equals(Fields.TIME)) {
            throw new PlacedParseException(offsetOf(value), field + " takes " + (field.equals(Fields.TIME) ? "a time" : "a number")
                    + " or a range, not " + what + ": e.g. " + field + ":[" + (field.equals(Fields.TIME)
                    ? "2026-10-21 TO 2026-10-22" : "10 TO 20") + "]");
        }
    }

    private void refuseReport(String field, String what, String value) throws ParseException {
        if (field.equals(ReportClause.HOST) || field.equals(ReportClause.BUNDLE)) {
            throw notSupported(field, what, value);
        }
    }

    private PlacedParseException notSupported(String field, String what, String value) {
        return new PlacedParseException(offsetOf(value == null ? field : value), field
                + ": takes a name, with * and ? as wildcards, not " + what);
    }

    /**
     * Where a value the parser hands back lies in the query: the parser's callbacks get the text, not its
     * position, but its last token is at or just after the value.
     */
    private int offsetOf(String value) {
        int end = token == null ? text.length() : Math.min(text.length(), token.endColumn);
        int at = value == null || value.isEmpty() ? -1 : text.lastIndexOf(value, Math.max(0, end - value.length()));
        if (at < 0 && value != null && !value.isEmpty()) {
            at = text.indexOf(value);
        }
        return at >= 0 ? at : token == null ? -1 : token.beginColumn;
    }

    /** A parse error found by this class, where it knows the place; the parser wraps it, keeping it as the cause. */
    static final class PlacedParseException extends ParseException {
        final int offset;

        PlacedParseException(int offset, String message) {
            super(message);
            this.offset = offset;
        }
    }
}
