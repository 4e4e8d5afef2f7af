package dev.bundleanalyzer.index;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.search.Query;

/**
 * What the rules ask of a bundle's events: answered by the index, or by a recorder that evaluated the queries
 * while the bundle was read. Order is time order, events without a time last.
 */
public interface EventQueries {

    /** How many events match. */
    int count(Query query) throws IOException;

    /** The first {@code limit} matching events in time order (or the last ones, when {@code latestFirst}). */
    List<BundleIndex.Hit> search(Query query, int limit, boolean latestFirst) throws IOException;

    /** Time of the latest matching event that has a time, or {@code null}. */
    Instant latestTime(Query query) throws IOException;

    /** How many matching events carry each value of a groupable keyword field, largest first. */
    Map<String, Long> groupCounts(Query query, String field) throws IOException;

    /** Hands every matching event, in time order, to the consumer, up to {@code max} of them. */
    default void forEach(Query query, int max, Consumer<BundleIndex.Hit> consumer) throws IOException {
        for (BundleIndex.Hit hit : search(query, max, false)) {
            consumer.accept(hit);
        }
    }
}
