package dev.bundleanalyzer.search;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One analysis output folder: its index, and who it is about, from its findings.json.
 *
 * @param dir    the report folder
 * @param bundle the analyzed bundle's file name ({@code bundle.name}), else the folder's name without
 *               {@code .report}
 * @param host   the machine's host name ({@code machine} → {@code host.name}), or {@code null} when unknown
 */
public record ReportFolder(Path dir, String bundle, String host) {

    static final String INDEX = "index";
    static final String FINDINGS = "findings.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Path index() {
        return dir.resolve(INDEX);
    }

    ReportFolder withHost(String newHost) {
        return new ReportFolder(dir, bundle, newHost);
    }

    /** Whether the folder holds an index, the mark of a report folder. */
    static boolean isReport(Path dir) {
        return Files.isDirectory(dir.resolve(INDEX));
    }

    /** A report folder written by {@code analyze --no-index}: findings without an index to search. */
    static boolean isUnindexedReport(Path dir) {
        return !isReport(dir) && Files.isRegularFile(dir.resolve(FINDINGS));
    }

    /**
     * Reads the folder's names from findings.json. A report written without it ({@code --format html}), or
     * with one that cannot be read, still has an index worth searching: its bundle is then named after the
     * folder and its host is left unknown.
     *
     * @throws IOException only when findings.json exists but cannot be read as JSON; the caller decides
     */
    static ReportFolder read(Path dir) throws IOException {
        String fallback = fallbackName(dir);
        Path findings = dir.resolve(FINDINGS);
        if (!Files.isRegularFile(findings)) {
            return new ReportFolder(dir, fallback, null);
        }
        String bundle = null;
        String host = null;
        // stream past the inventory and findings, which can be large, reading only the two small objects
        try (JsonParser parser = JSON.createParser(findings.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("findings.json is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("bundle") || name.equals("machine")) {
                    JsonNode node = parser.readValueAsTree();
                    if (name.equals("bundle")) {
                        bundle = text(node.get("name"));
                    } else {
                        host = text(node.get("host.name"));
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new ReportFolder(dir, bundle != null ? bundle : fallback, host);
    }

    static ReportFolder unnamed(Path dir) {
        return new ReportFolder(dir, fallbackName(dir), null);
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
    }

    private static String fallbackName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        String folder = name == null ? dir.toString() : name.toString();
        return folder.endsWith(".report") && folder.length() > ".report".length()
                ? folder.substring(0, folder.length() - ".report".length()) : folder;
    }
}
