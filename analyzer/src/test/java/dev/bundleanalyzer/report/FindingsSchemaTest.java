package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.bundleanalyzer.bundle.InventoryItem;
import dev.bundleanalyzer.cli.Main;
import dev.bundleanalyzer.rules.CheckItem;
import dev.bundleanalyzer.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * findings.json as the command line writes it is valid against docs/findings.schema.json (JSON Schema draft
 * 2020-12, formats asserted), and the schema rejects what breaks the contract, so it is not vacuous.
 */
class FindingsSchemaTest {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final Path SCHEMA_FILE = Path.of("..", "docs", "findings.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schemaNode;
    private static Schema schema;

    @TempDir
    Path out;

    @BeforeAll
    static void loadSchema() throws Exception {
        schemaNode = JSON.readTree(SCHEMA_FILE.toFile());
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        schema = registry.getSchema(schemaNode);
    }

    private JsonNode analyze(String bundle, String lang) throws Exception {
        int exit = Main.run("analyze", SAMPLES.resolve(bundle).toString(), "--out", out.toString(), "--lang", lang,
                "--format", "json");
        assertEquals(Main.FINDINGS, exit, bundle + " in " + lang);
        return JSON.readTree(out.resolve("findings.json").toFile());
    }

    private static List<String> errors(JsonNode document) {
        List<String> messages = new ArrayList<>();
        for (Error e : schema.validate(document)) {
            messages.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return messages;
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "contoso-fs01-bundle.zip, en",
            "contoso-fs01-bundle.zip, ko",
            "damaged-bundle.zip, en",
            "damaged-bundle.zip, ko"})
    void sampleReportsAreValid(String bundle, String lang) throws Exception {
        JsonNode report = analyze(bundle, lang);
        assertEquals(List.of(), errors(report), bundle + " " + lang);
        assertEquals(lang, report.get("lang").asText());
        assertTrue(report.get("findings").size() > 5, "a real report, not an empty one");
    }

    @Test
    void wrongSeverityOrMissingRuleFails() throws Exception {
        JsonNode report = analyze("contoso-fs01-bundle.zip", "en");
        assertEquals(List.of(), errors(report));

        assertInvalid(report, r -> finding(r).put("severity", "fatal"), "/findings/0/severity");
        assertInvalid(report, r -> finding(r).remove("rule"), "/findings/0");
        assertInvalid(report, r -> finding(r).put("rule", "mars 34513"), "/findings/0/rule");
        assertInvalid(report, r -> ((ObjectNode) r.get("notEvaluated").get(0)).put("severity", "Error"),
                "/notEvaluated/0/severity");
        assertInvalid(report, r -> ((ObjectNode) r.get("inventory").get(0)).put("status", "ok"), "/inventory/0/status");
        assertInvalid(report, r -> ((ObjectNode) evidence(r)).put("line", "4"), "/findings/0/evidence/0/line");
        assertInvalid(report, r -> ((ObjectNode) evidence(r)).put("time", "21:02 yesterday"),
                "/findings/0/evidence/0/time");
        assertInvalid(report, r -> ((ObjectNode) r.get("bundle")).put("analyzedAt", "not a time"), "/bundle/analyzedAt");
        assertInvalid(report, r -> finding(r).put("severtiy", "error"), "/findings/0");
        assertInvalid(report, r -> r.remove("inventory"), "");
        assertInvalid(report, r -> ((ObjectNode) r).put("schemaVersion", 2), "/schemaVersion");
        assertInvalid(report, r -> ((ObjectNode) r).put("lang", "fr"), "/lang");
    }

    @Test
    void skippedOrFailedEntriesNeedAReason() throws Exception {
        JsonNode report = analyze("damaged-bundle.zip", "en");
        int failed = -1;
        for (int i = 0; i < report.get("inventory").size(); i++) {
            if (report.get("inventory").get(i).get("status").asText().equals("failed")) {
                failed = i;
            }
        }
        assertTrue(failed >= 0, "the damaged bundle has a failed entry");
        int at = failed;
        assertInvalid(report, r -> ((ObjectNode) r.get("inventory").get(at)).putNull("reason"), "/inventory/" + at);
    }

    @Test
    void optionalFieldsAreAcceptedWhenWellFormed() throws Exception {
        JsonNode report = analyze("contoso-fs01-bundle.zip", "en");
        ObjectNode copy = report.deepCopy();
        ObjectNode f = finding(copy);
        f.put("more", 3);
        f.putArray("groups").addObject().put("value", "0x1FC07").put("count", 2);
        f.putArray("checklist").addObject().put("item", "Task enabled").put("verdict", "not-evaluated").putNull("detail");
        ObjectNode context = ((ObjectNode) f.get("evidence").get(0)).putObject("context");
        context.putArray("before").addObject().put("line", 3).put("text", "a line before");
        context.putArray("after");
        ((ObjectNode) f.get("evidence").get(0)).put("record", 4111);
        ((ObjectNode) copy.get("inventory").get(0)).put("bytes", -1).putNull("charset");
        assertEquals(List.of(), errors(copy));

        context.withArray("after").addObject().put("line", 5);   // a context line without its text
        assertFalse(errors(copy).isEmpty());
        context.remove("after");
        f.put("more", -1);
        assertFalse(errors(copy).isEmpty());
        f.put("more", 0);
        ((ObjectNode) f.get("checklist").get(0)).put("verdict", "skipped");
        assertFalse(errors(copy).isEmpty());
    }

    @Test
    void enumsMatchTheCode() {
        JsonNode defs = schemaNode.get("$defs");
        assertEquals(Arrays.stream(Severity.values()).map(Severity::label).toList(), texts(defs.at("/severity/enum")));
        assertEquals(Arrays.stream(CheckItem.Verdict.values()).map(CheckItem.Verdict::label).toList(),
                texts(defs.at("/checkItem/properties/verdict/enum")));
        assertEquals(Arrays.stream(InventoryItem.Status.values()).map(InventoryItem.Status::label).toList(),
                texts(defs.at("/inventoryItem/properties/status/enum")));
        assertEquals(List.of("en", "ko"), texts(schemaNode.at("/properties/lang/enum")));
    }

    @Test
    void ruleIdPatternAcceptsTheCatalogue() {
        Schema ruleId = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaNode.at("/$defs/ruleId"));
        for (String id : List.of("MARS-34513", "MARS-0x1FC07", "COND-POWERSHELL-BELOW-3", "BUNDLE-MISSING-INPUT",
                "MARS-SNAPSHOT-0x186C2")) {
            assertEquals(List.of(), ruleId.validate(JSON.getNodeFactory().textNode(id)), id);
        }
        for (String id : List.of("mars-34513", "MARS", "MARS 34513", "MARS-", "-MARS-1")) {
            assertFalse(ruleId.validate(JSON.getNodeFactory().textNode(id)).isEmpty(), id);
        }
    }

    @Test
    void everyPropertyIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        describe(schemaNode, "", undescribed);
        assertEquals(List.of(), undescribed);
    }

    /** Every entry of every {@code properties}, and every {@code $defs} entry, has a non-blank description. */
    private static void describe(JsonNode node, String path, List<String> undescribed) {
        if (!node.isObject()) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    describe(node.get(i), path + "/" + i, undescribed);
                }
            }
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equals("properties") || e.getKey().equals("$defs")) {
                for (Map.Entry<String, JsonNode> p : e.getValue().properties()) {
                    JsonNode d = p.getValue().get("description");
                    if (d == null || d.asText().isBlank()) {
                        undescribed.add(path + "/" + e.getKey() + "/" + p.getKey());
                    }
                }
            }
            describe(e.getValue(), path + "/" + e.getKey(), undescribed);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static ObjectNode finding(JsonNode report) {
        return (ObjectNode) report.get("findings").get(0);
    }

    private static JsonNode evidence(JsonNode report) {
        return ((ArrayNode) finding(report).get("evidence")).get(0);
    }

    private static void assertInvalid(JsonNode report, Consumer<ObjectNode> change, String where) {
        ObjectNode copy = report.deepCopy();
        change.accept(copy);
        // the unchanged report has no error (checked by the callers), so any error comes from the change
        assertFalse(schema.validate(copy).isEmpty(), "the schema accepted a findings.json broken at " + where);
    }
}
