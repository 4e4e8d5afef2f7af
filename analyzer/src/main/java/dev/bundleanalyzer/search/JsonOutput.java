package dev.bundleanalyzer.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/**
 * Search results for automation. Every field of a result is always written, {@code null} when it does not
 * apply, so a consumer need not test for presence: {@code record} is set for event-log records (with
 * {@code line} 0), {@code factKey} and {@code factValue} for facts. {@code text} is the stored record whole.
 */
public final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    public static void write(Writer out, SearchQuery query, SearchResult result) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("query", query.text());
        root.put("since", time(query.since()));
        root.put("until", time(query.until()));
        root.put("total", result.total());
        root.put("shown", result.hits().size());
        root.put("reports", result.searched());
        ArrayNode skipped = root.putArray("skipped");
        result.skipped().forEach(s -> skipped.addObject()
                .put("reportDir", s.folder().dir().toString())
                .put("reason", s.reason()));
        ArrayNode results = root.putArray("results");
        for (SearchHit hit : result.hits()) {
            ObjectNode node = results.addObject();
            node.put("bundle", hit.bundle());
            node.put("host", hit.host());
            node.put("reportDir", hit.reportDir().toString());
            node.put("type", hit.type());
            node.put("file", hit.file());
            node.put("line", hit.line());
            node.put("record", hit.record());
            node.put("time", hit.time() == null ? null : hit.time().toString());
            node.put("level", hit.level());
            node.put("component", hit.component());
            node.put("eventId", hit.eventId());
            ArrayNode codes = node.putArray("errorCode");
            hit.errorCodes().forEach(codes::add);
            node.put("message", hit.message());
            node.put("text", hit.text());
            node.put("factKey", hit.factKey());
            node.put("factValue", hit.factValue());
        }
        // as a string: writing to the stream would close it, and it is the terminal's
        out.write(JSON.writeValueAsString(root));
        out.write(System.lineSeparator());
        out.flush();
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
