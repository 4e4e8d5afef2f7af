package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;

/**
 * The searchable fields of one event: what a query sees of it. The index writes them, and the rules evaluate
 * their queries on them event by event; one definition keeps a rule and a search agreeing on every event.
 */
public final class EventDocument {

    /** Longest keyword indexed: Lucene refuses a term over 32,766 UTF-8 bytes, and one char takes at most 3. */
    static final int MAX_TERM_CHARS = 10_000;

    private EventDocument() {
    }

    /** The indexed (searchable) fields of an event; stored values and doc values are the writer's business. */
    public static List<IndexableField> searchable(LogEvent e) {
        List<IndexableField> fields = new ArrayList<>(16);
        keyword(fields, Fields.TYPE, Fields.TYPE_EVENT);
        keyword(fields, Fields.FILE, e.file());
        fields.add(new LongPoint(Fields.LINE, e.line()));
        if (e.record() != null) {
            fields.add(new LongPoint(Fields.RECORD, e.record()));
        }
        if (e.time() != null) {
            fields.add(new LongPoint(Fields.TIME, e.time().toEpochMilli()));
        }
        keywords(e, (field, value) -> keyword(fields, field, value));
        if (e.message() != null) {
            fields.add(new TextField(Fields.MESSAGE, e.message(), Field.Store.NO));
        }
        return fields;
    }

    /**
     * The keyword values of an event other than its type and file, as written (an index lower-cases them): what
     * exact-match queries on it see.
     */
    static void keywords(LogEvent e, java.util.function.BiConsumer<String, String> out) {
        if (e.timeAssumed()) {
            out.accept(Fields.TIME_ASSUMED, "true");
        }
        out.accept(Fields.LEVEL, e.level());
        out.accept(Fields.COMPONENT, e.component());
        out.accept(Fields.PROCESS, e.process());
        out.accept(Fields.THREAD, e.thread());
        out.accept(Fields.SOURCE, e.source());
        out.accept(Fields.ACTIVITY_ID, e.activityId());
        out.accept(Fields.CHANNEL, e.channel());
        out.accept(Fields.COMPUTER, e.computer());
        if (e.eventId() != null) {
            out.accept(Fields.EVENT_ID, e.eventId().toString());
        }
        for (String code : e.errorCodes()) {
            out.accept(Fields.ERROR_CODE, code);
        }
    }

    /** The values of a groupable keyword field of an event, as written (case kept). */
    public static List<String> values(LogEvent e, String field) {
        String one = switch (field) {
            case Fields.FILE -> e.file();
            case Fields.LEVEL -> e.level();
            case Fields.COMPONENT -> e.component();
            case Fields.CHANNEL -> e.channel();
            case Fields.EVENT_ID -> e.eventId() == null ? null : e.eventId().toString();
            case Fields.ERROR_CODE -> null;
            default -> throw new IllegalArgumentException("not a groupable field: " + field);
        };
        if (Fields.ERROR_CODE.equals(field)) {
            return e.errorCodes().stream().filter(c -> !c.isEmpty()).map(EventDocument::term).toList();
        }
        return one == null || one.isEmpty() ? List.of() : List.of(term(one));
    }

    private static void keyword(List<IndexableField> fields, String field, String value) {
        if (value != null && !value.isEmpty()) {
            fields.add(new StringField(field, term(value).toLowerCase(Locale.ROOT), Field.Store.NO));
        }
    }

    /**
     * A keyword cut to what Lucene takes: a hostile provider name or entry path must not fail every record of
     * its file. The stored value stays whole; only the exact-match term is cut.
     */
    static String term(String value) {
        if (value.length() <= MAX_TERM_CHARS) {
            return value;
        }
        int end = MAX_TERM_CHARS;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
