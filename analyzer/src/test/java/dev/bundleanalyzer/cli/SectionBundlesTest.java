package dev.bundleanalyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.rules.Rule;
import dev.bundleanalyzer.rules.RuleLoader;
import dev.bundleanalyzer.rules.RuleSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bundle per section of the MARS troubleshooting guide, built from the positive samples of that section's
 * rules (half of them inside a nested zip, as collectors send them), analyzed by the command line: every rule
 * of the section is reported, with evidence in the file that holds its problem.
 */
class SectionBundlesTest {

    private static final Instant MODIFIED = Instant.parse("2026-10-22T06:30:00Z");
    private static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("registration", List.of("MARS-34513", "MARS-403", "MARS-100110", "MARS-PROXY-407",
                "MARS-230006", "COND-VAULT-SERVER-LIMIT", "COND-PROXY-CONFIGURED", "COND-AGENT-OUTDATED",
                "COND-VAULT-CREDENTIALS-EXTENSION", "COND-VAULT-CREDENTIALS-AGE"));
        SECTIONS.put("activation", List.of("MARS-0x1FC07", "MARS-34506", "MARS-ENCRYPTION-KEY",
                "COND-SCRATCH-FREE-SPACE", "COND-KEK-MISSING", "MARS-SCRATCH-ACCESS"));
        // a moved scratch folder puts the scratch checks on another volume: its own bundle
        SECTIONS.put("activation, scratch moved", List.of("COND-SCRATCH-PATH-MISMATCH", "MARS-34506"));
        SECTIONS.put("schedule", List.of("COND-POWERSHELL-BELOW-3", "COND-EXECUTION-POLICY-RESTRICTED",
                "COND-PSMODULEPATH-MISSING", "COND-MSONLINEBACKUP-MODULE-MISSING", "COND-TASK-DISABLED",
                "COND-TASK-ACCOUNT", "COND-TASK-DUPLICATE-INSTANCES"));
        // a disabled MARS task cannot collide with Windows Server Backup: the overlap gets its own bundle
        SECTIONS.put("schedule, Windows Server Backup beside MARS", List.of("COND-WSB-SCHEDULE-CONFLICT",
                "COND-POWERSHELL-BELOW-3"));
        SECTIONS.put("restore", List.of("MARS-RESTORE-MOUNT", "COND-ISCSI-SERVICE", "COND-ISCSI-UNKNOWN-DEVICE"));
        SECTIONS.put("connectivity", List.of("MARS-100050", "MARS-REGISTRATION-STATUS", "COND-ENDPOINTS-UNREACHABLE",
                "COND-TLS12-DISABLED", "COND-CLOCK-SKEW", "COND-SERVICE-NOT-RUNNING", "MARS-OBENGINE-UNREACHABLE",
                "COND-DOTNET-BELOW-452", "COND-ANTIVIRUS-EXCLUSIONS"));
        SECTIONS.put("backup", List.of("MARS-0x1FBD3", "MARS-130001", "MARS-SNAPSHOT-0x186C2",
                "MARS-SYSTEMSTATE-WSB", "MARS-FAILED-FILES", "COND-WINDOWS-TEMP-TMP-FILES", "MARS-FATAL-TRACE",
                "COND-AZURE-POWERSHELL-OFFLINE"));
    }

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyRuleOfASectionIsReportedOnItsBundle() throws Exception {
        Map<String, Rule> rules = new HashMap<>();
        new RuleLoader().loadCatalogue().forEach(r -> rules.put(r.id(), r));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, List<String>> section : SECTIONS.entrySet()) {
            tests.add(DynamicTest.dynamicTest(section.getKey(), () -> check(section.getKey(), section.getValue(), rules)));
        }
        return tests.stream();
    }

    private void check(String section, List<String> ids, Map<String, Rule> rules) throws Exception {
        Path bundle = tmp.resolve(section + "-bundle.zip");
        Map<String, String> expectedFile = new HashMap<>();
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        try (OutputStream file = Files.newOutputStream(bundle);
             ZipOutputStream outer = new ZipOutputStream(file);
             ZipOutputStream inner = new ZipOutputStream(nested)) {
            for (int i = 0; i < ids.size(); i++) {
                Rule rule = rules.get(ids.get(i));
                RuleSample sample = rule.samples().stream().filter(s -> s.expect() > 0).findFirst().orElseThrow();
                boolean inside = i % 2 == 1;
                for (RuleSample.SampleFile f : sample.files()) {
                    String name = "case" + i + "/" + f.file();
                    put(inside ? inner : outer, inside ? name : "Temp/" + name, f.bytes(), f.modified());
                }
                String first = "case" + i + "/" + sample.file();
                expectedFile.put(rule.id(), inside ? "collected/more-logs.zip!/" + first : "Temp/" + first);
            }
            inner.finish();
            put(outer, "collected/more-logs.zip", nested.toByteArray(), MODIFIED);
        }
        Path out = tmp.resolve(section + "-report");
        assertEquals(Main.FINDINGS, Main.run("analyze", bundle.toString(), "--out", out.toString()));
        JsonNode report = new ObjectMapper().readTree(out.resolve("findings.json").toFile());
        Map<String, JsonNode> findings = new HashMap<>();
        report.get("findings").forEach(f -> findings.put(f.get("rule").asText(), f));
        for (String id : ids) {
            JsonNode finding = findings.get(id);
            assertTrue(finding != null, section + ": " + id + " not reported; reported: " + findings.keySet());
            if (finding.get("evidence").size() > 0) {
                String file = finding.get("evidence").get(0).get("file").asText();
                assertEquals(expectedFile.get(id), file, section + ": evidence of " + id);
            }
        }
        String html = Files.readString(out.resolve("report.html"));
        for (String id : ids) {
            assertTrue(html.contains("id=\"" + id + "\""), section + ": report section of " + id);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, Instant modified) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FileTime.from(modified));
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
