package dev.bundleanalyzer.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bundleanalyzer.index.BundleIndex;
import dev.bundleanalyzer.index.Fields;
import dev.bundleanalyzer.index.QuerySyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads rule files (YAML: a list of rules) and checks them completely before any rule runs, so that a
 * mistake in a rule file is an error naming the file, line and problem, not a wrong report.
 */
public final class RuleLoader {

    /** The catalogue shipped with the analyzer: rule files listed in {@value #CATALOGUE}. */
    static final String CATALOGUE = "/dev/bundleanalyzer/rules/catalogue.list";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Set<String> builtins;

    public RuleLoader(Set<String> builtins) {
        this.builtins = Set.copyOf(builtins);
    }

    public RuleLoader() {
        this(BuiltinChecks.names());
    }

    /** The shipped catalogue. */
    public List<Rule> loadCatalogue() throws RuleFileException {
        List<Rule> rules = new ArrayList<>();
        for (String name : resourceLines(CATALOGUE)) {
            String resource = "/dev/bundleanalyzer/rules/" + name;
            try (InputStream in = RuleLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new RuleFileException(resource + ": listed in the catalogue but not found");
                }
                rules.addAll(load(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new RuleFileException(resource + ": " + e.getMessage(), e);
            }
        }
        return checkUnique(rules);
    }

    /** The shipped catalogue plus every {@code *.yaml} / {@code *.yml} file of a folder (user rules). */
    public List<Rule> loadCatalogueAnd(Path folder) throws RuleFileException {
        List<Rule> rules = new ArrayList<>(loadCatalogue());
        if (!Files.isDirectory(folder)) {
            throw new RuleFileException(folder + ": not a folder of rule files");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().matches("(?i).*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new RuleFileException(folder + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            try {
                rules.addAll(load(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new RuleFileException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return checkUnique(rules);
    }

    /** Parses and checks one rule file; {@code origin} names it in errors. */
    public List<Rule> load(String origin, String yaml) throws RuleFileException {
        List<Rule> rules = new ArrayList<>();
        try (Reader reader = new StringReader(yaml); JsonParser parser = YAML.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return rules;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new RuleFileException(at(origin, parser.currentTokenLocation())
                        + ": a rule file is a list of rules (each starting with '- id: ...')");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonLocation where = parser.currentTokenLocation();
                RuleSpec spec;
                try {
                    spec = YAML.readValue(parser, RuleSpec.class);
                } catch (UnrecognizedPropertyException e) {
                    // records are read whole before the check, so the exception's own position is the rule's end
                    throw new RuleFileException(at(origin, where) + ": unknown field '" + e.getPropertyName()
                            + "' (known: " + e.getKnownPropertyIds() + ")", e);
                }
                rules.add(toRule(spec, at(origin, where)));
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new RuleFileException((where == null ? origin : at(origin, where)) + ": "
                    + String.join(" ", e.getOriginalMessage().strip().split("\\s*\\R\\s*")), e);
        } catch (IOException e) {
            throw new RuleFileException(origin + ": " + e.getMessage(), e);
        }
        return rules;
    }

    private Rule toRule(RuleSpec spec, String origin) throws RuleFileException {
        String id = spec.id();
        if (id == null || !id.matches("[A-Z][A-Z0-9]*(-[A-Za-z0-9]+)+")) {
            throw new RuleFileException(origin + ": rule needs an 'id' such as MARS-34513 (found '" + id + "')");
        }
        String where = origin + ": rule " + id;
        Severity severity;
        try {
            severity = Severity.parse(spec.severity());
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(where + ": " + e.getMessage());
        }
        RuleMatch match = toMatch(spec.match(), where);
        Set<String> inputs = spec.inputs() == null ? Set.of() : new LinkedHashSet<>(spec.inputs());
        if (match instanceof RuleMatch.Events && inputs.isEmpty()) {
            throw new RuleFileException(where + ": an events rule needs 'inputs' (the kinds of file it reads, e.g. [errlog])");
        }
        if (match instanceof RuleMatch.Facts && inputs.isEmpty()) {
            throw new RuleFileException(where + ": a facts rule needs 'inputs' (the fact keys it reads, e.g. [powershell.version.major])");
        }
        List<Rule.Escalation> escalations = new ArrayList<>();
        if (spec.escalate() != null) {
            for (EscalationSpec e : spec.escalate()) {
                try {
                    escalations.add(new Rule.Escalation(Severity.parse(e.severity()), FactExpression.parse(e.facts())));
                } catch (IllegalArgumentException | NullPointerException ex) {
                    throw new RuleFileException(where + ": escalate needs 'severity' and 'facts': " + ex.getMessage(), ex);
                }
            }
        }
        LocalizedText missing = spec.missing() == null ? null : text(spec.missing(), where, "missing");
        if (!(match instanceof RuleMatch.Builtin) && missing == null) {
            throw new RuleFileException(where + ": needs 'missing' (what to collect when its inputs are absent) in en and ko");
        }
        List<RuleSample> samples = new ArrayList<>();
        if (spec.samples() != null) {
            for (SampleSpec s : spec.samples()) {
                samples.add(sample(s, where));
            }
        }
        return new Rule(id, severity, match, inputs, text(spec.title(), where, "title"),
                spec.summary() == null ? null : text(spec.summary(), where, "summary"),
                texts(spec.causes(), where, "causes"), texts(spec.actions(), where, "actions"),
                spec.references() == null ? List.of() : spec.references(), missing,
                spec.evidence() == null ? 20 : spec.evidence(), samples, escalations, origin);
    }

    private static RuleSample sample(SampleSpec s, String where) throws RuleFileException {
        String name = s.name() != null ? s.name() : s.file();
        if (s.expect() == null) {
            throw new RuleFileException(where + ": sample '" + name + "' needs 'expect'");
        }
        List<RuleSample.SampleFile> files = new ArrayList<>();
        if (s.file() != null || s.text() != null) {
            files.add(sampleFile(new FileSpec(s.file(), s.encoding(), s.text(), s.modified()), where, name));
        }
        if (s.files() != null) {
            for (FileSpec f : s.files()) {
                files.add(sampleFile(f, where, name));
            }
        }
        if (files.isEmpty()) {
            throw new RuleFileException(where + ": sample '" + name + "' needs 'file' and 'text', or 'files'");
        }
        Severity expected;
        try {
            expected = s.severity() == null ? null : Severity.parse(s.severity());
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(where + ": sample '" + name + "': " + e.getMessage());
        }
        return new RuleSample(name, files, s.expect(), expected);
    }

    private static RuleSample.SampleFile sampleFile(FileSpec f, String where, String sample) throws RuleFileException {
        if (f.file() == null || f.text() == null) {
            throw new RuleFileException(where + ": sample '" + sample + "': each file needs 'file' and 'text'");
        }
        try {
            return new RuleSample.SampleFile(f.file(), f.encoding() == null ? "UTF-8" : f.encoding(), f.text(),
                    f.modified() == null ? RuleSample.DEFAULT_MODIFIED : java.time.Instant.parse(f.modified()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new RuleFileException(where + ": sample '" + sample + "': 'modified' is not an ISO time: " + f.modified());
        }
    }

    private RuleMatch toMatch(MatchSpec m, String where) throws RuleFileException {
        if (m == null) {
            throw new RuleFileException(where + ": needs 'match' with one of events, facts or builtin");
        }
        int given = (m.events() != null ? 1 : 0) + (m.facts() != null ? 1 : 0) + (m.builtin() != null ? 1 : 0);
        if (given != 1) {
            throw new RuleFileException(where + ": 'match' takes exactly one of events, facts or builtin");
        }
        if (m.group() != null && (m.events() == null || !Fields.GROUPABLE.contains(m.group()))) {
            throw new RuleFileException(where + ": 'group' goes with 'events' and is one of " + Fields.GROUPABLE);
        }
        if (m.params() != null && m.builtin() == null) {
            throw new RuleFileException(where + ": 'params' goes with 'builtin'");
        }
        if (m.events() != null) {
            try {
                return new RuleMatch.Events(m.events(), BundleIndex.parse(m.events()), m.group());
            } catch (QuerySyntaxException e) {
                throw new RuleFileException(where + ": events " + e.getMessage(), e);
            }
        }
        if (m.facts() != null) {
            try {
                return new RuleMatch.Facts(FactExpression.parse(m.facts()));
            } catch (IllegalArgumentException e) {
                throw new RuleFileException(where + ": " + e.getMessage(), e);
            }
        }
        if (!builtins.contains(m.builtin())) {
            throw new RuleFileException(where + ": unknown builtin '" + m.builtin() + "' (known: " + builtins + ")");
        }
        return new RuleMatch.Builtin(m.builtin(), m.params() == null ? Map.of() : m.params());
    }

    private static LocalizedText text(TextSpec t, String where, String field) throws RuleFileException {
        if (t == null || blank(t.en()) || blank(t.ko())) {
            throw new RuleFileException(where + ": '" + field + "' needs both en and ko texts");
        }
        return new LocalizedText(t.en().strip(), t.ko().strip());
    }

    private static List<LocalizedText> texts(List<TextSpec> list, String where, String field) throws RuleFileException {
        if (list == null || list.isEmpty()) {
            throw new RuleFileException(where + ": '" + field + "' needs at least one entry with en and ko texts");
        }
        List<LocalizedText> out = new ArrayList<>();
        for (TextSpec t : list) {
            out.add(text(t, where, field));
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String at(String origin, JsonLocation where) {
        return origin + ":" + where.getLineNr();
    }

    private static List<Rule> checkUnique(List<Rule> rules) throws RuleFileException {
        Map<String, Rule> seen = new HashMap<>();
        for (Rule rule : rules) {
            Rule before = seen.putIfAbsent(rule.id(), rule);
            if (before != null) {
                throw new RuleFileException(rule.origin() + ": rule " + rule.id() + " is already declared at "
                        + before.origin());
            }
        }
        return rules;
    }

    private static List<String> resourceLines(String resource) throws RuleFileException {
        try (InputStream in = RuleLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new RuleFileException(resource + ": rule catalogue missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new RuleFileException(resource + ": " + e.getMessage(), e);
        }
    }

    record RuleSpec(String id, String severity, List<String> inputs, MatchSpec match, List<EscalationSpec> escalate,
                    TextSpec title, TextSpec summary, List<TextSpec> causes, List<TextSpec> actions,
                    List<String> references, TextSpec missing, Integer evidence, List<SampleSpec> samples) {
    }

    record MatchSpec(String events, String group, String facts, String builtin, Map<String, String> params) {
    }

    record EscalationSpec(String severity, String facts) {
    }

    record TextSpec(String en, String ko) {
    }

    record SampleSpec(String name, String file, String encoding, String text, String modified, List<FileSpec> files,
                      Integer expect, String severity) {
    }

    record FileSpec(String file, String encoding, String text, String modified) {
    }
}
