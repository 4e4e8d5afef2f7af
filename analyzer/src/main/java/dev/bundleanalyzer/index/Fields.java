package dev.bundleanalyzer.index;

import java.util.Set;

/**
 * Field names of the bundle index; they are also the field names users type in search queries,
 * so they are part of the command-line contract.
 */
public final class Fields {
    /** {@code event} or {@code fact}. */
    public static final String TYPE = "type";
    /** Epoch milliseconds UTC, on records that have a time: point (range queries) and stored. */
    public static final String TIME = "time";
    /** Doc values of the documents of an index written before blocks: the time, or {@code Long.MAX_VALUE}. */
    public static final String TIME_SORT = "timeSort";
    public static final String TIME_ASSUMED = "timeAssumed";
    public static final String FILE = "file";
    public static final String LINE = "line";
    public static final String RECORD = "record";
    public static final String LEVEL = "level";
    public static final String COMPONENT = "component";
    public static final String PROCESS = "process";
    public static final String THREAD = "thread";
    public static final String SOURCE = "source";
    public static final String ACTIVITY_ID = "activityId";
    public static final String ERROR_CODE = "errorCode";
    public static final String CHANNEL = "channel";
    public static final String EVENT_ID = "eventId";
    /** The machine that wrote an event-log record. */
    public static final String COMPUTER = "computer";
    /** Free text of the record, analysed with {@link IndexAnalyzers#message()}. */
    public static final String MESSAGE = "message";
    /** The record as written in the source; stored only, for evidence. */
    public static final String RAW = "raw";
    public static final String FACT_KEY = "factKey";
    public static final String FACT_VALUE = "factValue";

    /*
     * Events are indexed in blocks of consecutive events of one file: one document each, with the keyword values
     * of its events as terms (but those of FILTERED), a Bloom filter of their message words and FILTERED values,
     * the spans of their times, lines and record numbers, and the events themselves as one binary doc value.
     * Users never query these fields; BlockQueries rewrites their queries.
     */
    /** Marks a block document. */
    static final String BLOCK = "block";
    /** Doc values: the {@link BlockFilter} of a block's message words and its values of {@link #FILTERED}. */
    static final String BLOCK_FILTER = "block.filter";
    /** Keyword fields whose values a block keeps in its filter, not as terms: nearly every event has its own. */
    static final Set<String> FILTERED = Set.of(PROCESS, THREAD, SOURCE, ACTIVITY_ID);

    /** {@code FILTERED.contains(field)} for a field named by one of these constants: asked of every value indexed. */
    static boolean isFiltered(String field) {
        return field == PROCESS || field == THREAD || field == SOURCE || field == ACTIVITY_ID;
    }
    static final String BLOCK_TIME_SPAN = "block.timeSpan";
    static final String BLOCK_LINE_SPAN = "block.lineSpan";
    static final String BLOCK_RECORD_SPAN = "block.recordSpan";
    /** Doc values: the block's events ({@link EventBlock}, packed by {@link BlockPacker}). */
    static final String BLOCK_EVENTS = "block.events";

    public static final String TYPE_EVENT = "event";
    public static final String TYPE_FACT = "fact";

    /** Exact-match fields: indexed whole and lower-cased, so queries on them ignore case. */
    public static final Set<String> KEYWORDS = Set.of(TYPE, FILE, LEVEL, COMPONENT, PROCESS, THREAD, SOURCE,
            ACTIVITY_ID, ERROR_CODE, CHANNEL, EVENT_ID, COMPUTER, FACT_KEY, TIME_ASSUMED);

    /** Keyword fields whose values a finding can count separately (doc values, original case). */
    public static final Set<String> GROUPABLE = Set.of(FILE, LEVEL, COMPONENT, ERROR_CODE, EVENT_ID, CHANNEL);

    private Fields() {
    }
}
