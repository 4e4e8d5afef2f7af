package dev.bundleanalyzer.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.cli.Main;
import dev.bundleanalyzer.search.TwoBundles.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report cites, search finds: for every finding named after an error code ({@code MARS-34513},
 * {@code MARS-0x1FC07}), each evidence line it cites in a trace log is among the hits of
 * {@code errorCode:<code>} in that report's index.
 */
final class EvidenceSearch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODED = Pattern.compile("MARS-(\\d+|0x[0-9A-Fa-f]+)");

    private EvidenceSearch() {
    }

    /** Checks every coded finding of the report and returns how many evidence lines were checked. */
    static int checkAll(Path report) throws IOException {
        JsonNode findings = JSON.readTree(report.resolve("findings.json").toFile());
        int checked = 0;
        for (JsonNode finding : findings.get("findings")) {
            Matcher m = CODED.matcher(finding.get("rule").asText());
            if (!m.matches()) {
                continue;
            }
            Run run = Run.of("search", report.toString(), "errorCode:" + m.group(1), "--json", "--limit", "1000");
            assertEquals(Main.OK, run.exit(), run.err());
            Set<String> found = new HashSet<>();
            JSON.readTree(run.out()).get("results").forEach(r -> found.add(r.get("file").asText() + ":" + r.get("line").asLong()));
            for (JsonNode evidence : finding.get("evidence")) {
                if (evidence.get("line").asLong() > 0) {
                    String place = evidence.get("file").asText() + ":" + evidence.get("line").asLong();
                    assertTrue(found.contains(place), finding.get("rule").asText() + " cites " + place
                            + " but errorCode:" + m.group(1) + " finds " + found);
                    checked++;
                }
            }
        }
        return checked;
    }
}
