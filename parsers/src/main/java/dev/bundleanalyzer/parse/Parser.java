package dev.bundleanalyzer.parse;

import dev.bundleanalyzer.detect.ContentSample;
import java.io.IOException;

/**
 * Turns one kind of file into records. A parser is found by content, not by name: the detector shows
 * every registered parser the first bytes of an entry and picks the most confident one.
 * Implementations are stateless and thread-safe; they are listed in
 * {@code META-INF/services/dev.bundleanalyzer.parse.Parser}.
 */
public interface Parser {

    /** Short stable name of the kind of file, e.g. {@code errlog}; shown in the inventory. */
    String kind();

    /**
     * How sure this parser is that the sample is its kind: 0 means no, 100 means certain
     * (a magic number or an exact header). The name may raise confidence but should rarely decide alone.
     */
    int detect(ContentSample sample);

    /**
     * Reads the whole input and hands every record to the sink.
     *
     * @return the number of records produced
     * @throws IOException when the content cannot be read; records already produced stay valid
     */
    long parse(ParseInput input, RecordSink sink) throws IOException;

    /**
     * True for sources that write the machine's local time without a zone (Event Viewer CSV, text exports):
     * the analyzer parses them after every other entry, once the bundle has told it the machine's time zone,
     * and passes that zone in {@link ParseInput#zone()}.
     */
    default boolean readsLocalTimes() {
        return false;
    }
}
