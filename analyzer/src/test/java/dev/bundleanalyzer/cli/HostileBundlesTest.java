package dev.bundleanalyzer.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code analyze} on every hostile or broken bundle that {@code samples/make_hostile.py} builds (zip slip,
 * links, bombs, deep nesting, many entries, truncated and corrupt archives, encrypted entries, damaged files,
 * markup in names and lines, one huge line) and checks what its {@code cases.json} says of each: the exit code,
 * inventory lines, the rules that must and must not fire, that the outputs show hostile text as text, and that
 * nothing is written outside the output folder.
 *
 * <p>The analyzer runs in a process of its own: a case may exhaust its memory (it gets 256 MB, as a small
 * machine would), and its working directory and {@code java.io.tmpdir} are fresh folders that are watched while
 * it runs and must hold nothing but the output folder when it ends. Needs {@code python3} (standard library
 * only). {@code -Dhostile.longLineMb=N} makes the one huge line of the long-line case N MB instead of 500.
 */
class HostileBundlesTest {

    private static final Path GENERATOR = Path.of("..", "samples", "make_hostile.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CASE_TIMEOUT_SECONDS = 180;
    private static final String OUT = "report";
    private static final String STDOUT = "stdout.txt";
    private static final String STDERR = "stderr.txt";

    /** A line of a Java stack trace or an uncaught exception: neither may reach the user. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "Exception in thread|(?m)^\\s+at [\\w$.]+\\(|\\bjava\\.(lang|io|util|nio)\\.[\\w.]*(Exception|Error)\\b");
    /** C0 controls other than tab and line ends, and DEL: a terminal or a ticket would act on them. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    /** A {@code ](} whose bracket is not escaped (an even number of backslashes before it): a live link or image. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\]\\(");
    /** A {@code <} that is not escaped and opens a tag, a comment or a declaration: live HTML in Markdown. */
    private static final Pattern MARKDOWN_HTML = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*<[A-Za-z/!?]");

    /** Elements that load, embed or redirect: the report has none of its own. */
    private static final Set<String> LIVE_ELEMENTS = Set.of("img", "iframe", "frame", "object", "embed", "base",
            "form", "link", "audio", "video", "source");

    @TempDir
    static Path root;

    private static Path bundles;
    private static List<JsonNode> cases;

    @BeforeAll
    static void generate() throws Exception {
        bundles = Files.createDirectories(root.resolve("bundles"));
        Path log = root.resolve("generate.log");
        List<String> command = List.of("python3", GENERATOR.toAbsolutePath().toString(), bundles.toString(),
                "--long-line-mb", Integer.toString(Integer.getInteger("hostile.longLineMb", 500)));
        Process generator;
        try {
            generator = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed to build the hostile bundles (" + GENERATOR + "), but it "
                    + "could not be started: " + e.getMessage(), e);
        }
        if (!generator.waitFor(120, TimeUnit.SECONDS)) {
            generator.destroyForcibly();
            fail(GENERATOR + " did not finish in 120 s");
        }
        if (generator.exitValue() != 0) {
            fail(GENERATOR + " failed with exit code " + generator.exitValue() + ":\n" + Files.readString(log));
        }
        JsonNode all = JSON.readTree(bundles.resolve("cases.json").toFile());
        cases = StreamSupport.stream(all.get("cases").spliterator(), false).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(
                c.get("name").asText() + ": " + c.get("description").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) throws Exception {
        String name = c.get("name").asText();
        Problems problems = new Problems();
        for (String path : texts(c.get("forbidden"))) {
            if (Files.exists(Path.of(path))) {
                fail(path + " exists before the run, so the run cannot show it does not write it: remove it");
            }
        }
        Run run = Run.of(root.resolve("runs").resolve(name), bundles.resolve(c.get("file").asText()),
                texts(c.get("args")));

        checkProcess(c, run, problems);
        checkNothingWrittenOutside(c, run, problems);
        Path out = run.cwd().resolve(OUT);
        JsonNode report = null;
        if (Files.exists(out.resolve("findings.json"))) {
            report = readJson(out.resolve("findings.json"), problems);
        } else if (c.get("exit").asInt() != Main.FAILED) {
            problems.add("findings.json was not written");
        }
        if (report != null) {
            checkInventory(c, report, problems);
            checkRules(c, report, problems);
            checkShownInJson(c, report, problems);
            checkNotes(c, report, problems);
        }
        if (Files.exists(out.resolve("report.html"))) {
            checkHtml(c, Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8), problems);
        }
        if (Files.exists(out.resolve("summary.md"))) {
            checkMarkdown(Files.readString(out.resolve("summary.md"), StandardCharsets.UTF_8), problems);
        }
        problems.failIfAny(name + " (" + run.seconds() + " s)");
    }

    // ---- the process --------------------------------------------------------------------------------------

    private static void checkProcess(JsonNode c, Run run, Problems problems) {
        int expected = c.get("exit").asInt();
        if (run.exit() != expected) {
            problems.add("exit code " + run.exit() + ", expected " + expected + "; stderr: " + head(run.stderr()));
        }
        for (String stream : List.of(STDOUT, STDERR)) {
            String text = stream.equals(STDOUT) ? run.stdout() : run.stderr();
            if (STACK_TRACE.matcher(text).find()) {
                problems.add("a Java exception or stack trace reached " + stream + ": " + head(text));
            }
            if (CONTROL.matcher(text).find()) {
                problems.add(stream + " holds control characters from the bundle: " + head(text));
            }
        }
        JsonNode stderr = c.get("stderr");
        if (stderr != null && !stderr.isNull() && !Pattern.compile(stderr.asText()).matcher(run.stderr()).find()) {
            problems.add("stderr does not match /" + stderr.asText() + "/: " + head(run.stderr()));
        }
    }

    private static void checkNothingWrittenOutside(JsonNode c, Run run, Problems problems) throws IOException {
        for (String created : run.createdInCwd()) {
            if (!created.equals(OUT)) {
                problems.add("the analyzer created '" + created + "' in its working directory");
            }
        }
        for (String created : run.createdInTmp()) {
            problems.add("the analyzer created '" + created + "' in java.io.tmpdir during the run"
                    + (Files.exists(run.tmp().resolve(created)) ? " and left it there" : " (removed by the end)")
                    + ": temporary files belong inside the --out folder");
        }
        try (Stream<Path> left = Files.list(run.tmp())) {
            left.forEach(p -> problems.add("java.io.tmpdir holds " + p.getFileName() + " after the run"));
        }
        for (String path : texts(c.get("forbidden"))) {
            if (Files.exists(Path.of(path))) {
                problems.add("an entry was written to " + path);
            }
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !allowed(p)).forEach(p -> problems.add("written outside --out: " + root.relativize(p)));
        }
    }

    /** The test's own files: generated bundles, each run's folders, output folder and captured streams. */
    private static boolean allowed(Path p) {
        Path relative = root.relativize(p);
        int n = relative.getNameCount();
        if (p.equals(root) || relative.startsWith("bundles") || relative.equals(Path.of("generate.log"))
                || relative.equals(Path.of("runs"))) {
            return true;
        }
        if (!relative.startsWith("runs") || n < 2) {
            return false;
        }
        if (n == 2) {
            return Files.isDirectory(p);                            // runs/<case>
        }
        String third = relative.getName(2).toString();
        if (n == 3) {
            return third.equals("cwd") || third.equals("tmp") || third.equals(STDOUT) || third.equals(STDERR);
        }
        return third.equals("cwd") && relative.getName(3).toString().equals(OUT);  // runs/<case>/cwd/report/...
    }

    // ---- findings.json ------------------------------------------------------------------------------------

    private static JsonNode readJson(Path file, Problems problems) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            problems.add("findings.json does not parse: " + e.getMessage());
            return null;
        }
    }

    private static void checkInventory(JsonNode c, JsonNode report, Problems problems) {
        Map<String, List<JsonNode>> byPath = new HashMap<>();
        for (JsonNode item : report.get("inventory")) {
            byPath.computeIfAbsent(item.get("path").asText(), k -> new ArrayList<>()).add(item);
            String status = item.get("status").asText();
            JsonNode reason = item.get("reason");
            if (!status.equals("parsed") && (reason == null || reason.isNull() || reason.asText().isBlank())) {
                problems.add("inventory line without a reason: " + item);
            }
        }
        for (JsonNode expected : c.get("inventory")) {
            String path = expected.get("path").asText();
            List<JsonNode> found = byPath.get(path);
            if (found == null) {
                problems.add("no inventory line for " + path + " (expected " + describe(expected) + "); lines: "
                        + near(report, path));
                continue;
            }
            if (found.stream().noneMatch(item -> matches(expected, item))) {
                problems.add("inventory " + path + ": expected " + describe(expected) + ", found "
                        + found.stream().map(HostileBundlesTest::describe).collect(Collectors.joining(" | ")));
            }
        }
    }

    private static boolean matches(JsonNode expected, JsonNode item) {
        if (!expected.get("status").asText().equals(item.get("status").asText())) {
            return false;
        }
        JsonNode reason = expected.get("reason");
        String actual = item.get("reason") == null || item.get("reason").isNull() ? "" : item.get("reason").asText();
        return reason == null || reason.isNull() || Pattern.compile(reason.asText()).matcher(actual).find();
    }

    private static String describe(JsonNode item) {
        JsonNode reason = item.get("reason");
        return item.get("status").asText() + (reason == null || reason.isNull() ? "" : " /" + reason.asText() + "/");
    }

    /** Inventory paths that share the first segment of a missing one: what the path probably became. */
    private static String near(JsonNode report, String path) {
        String first = path.split("[/!]", 2)[0];
        List<String> paths = new ArrayList<>();
        for (JsonNode item : report.get("inventory")) {
            String p = item.get("path").asText();
            if (p.startsWith(first) && paths.size() < 12) {
                paths.add(p);
            }
        }
        return paths.toString();
    }

    private static void checkRules(JsonNode c, JsonNode report, Problems problems) {
        Set<String> fired = new LinkedHashSet<>();
        report.get("findings").forEach(f -> fired.add(f.get("rule").asText()));
        for (String rule : texts(c.get("rules"))) {
            if (!fired.contains(rule)) {
                problems.add("rule " + rule + " did not fire (the rest of the bundle was not analyzed?); fired: " + fired);
            }
        }
        for (String rule : texts(c.get("absentRules"))) {
            if (fired.contains(rule)) {
                problems.add("rule " + rule + " fired on content that must not be read");
            }
        }
    }

    private static void checkNotes(JsonNode c, JsonNode report, Problems problems) {
        List<String> notes = texts(report.get("notes"));
        for (String expected : texts(c.get("notes"))) {
            Pattern pattern = Pattern.compile(expected);
            if (notes.stream().noneMatch(n -> pattern.matcher(n).find())) {
                problems.add("no note of findings.json matches /" + expected + "/; notes: " + head(notes.toString()));
            }
        }
    }

    private static void checkShownInJson(JsonNode c, JsonNode report, Problems problems) {
        List<String> strings = new ArrayList<>();
        collectStrings(report, strings);
        for (String text : texts(c.get("shown"))) {
            if (strings.stream().noneMatch(s -> s.contains(text))) {
                problems.add("findings.json does not carry the text " + text + " as it is");
            }
        }
    }

    private static void collectStrings(JsonNode node, List<String> into) {
        if (node.isTextual()) {
            into.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, into));
    }

    // ---- report.html --------------------------------------------------------------------------------------

    private static void checkHtml(JsonNode c, String html, Problems problems) {
        List<HtmlTag> tags = HtmlTag.scan(html);
        List<HtmlTag> scripts = tags.stream().filter(t -> t.name().equals("script")).toList();
        if (scripts.size() != 1) {
            problems.add("report.html has " + scripts.size() + " script elements; its own filter script is the only one");
        }
        for (HtmlTag script : scripts) {
            if (script.content().contains("alert(")) {
                problems.add("report.html runs a script from the bundle: " + head(script.content()));
            }
        }
        for (HtmlTag tag : tags) {
            if (LIVE_ELEMENTS.contains(tag.name())) {
                problems.add("report.html has a live <" + tag.name() + "> element: " + tag);
            }
            for (Map.Entry<String, String> attribute : tag.attributes().entrySet()) {
                String key = attribute.getKey();
                String value = attribute.getValue().replaceAll("[\\s\\x00-\\x1F]", "").toLowerCase(Locale.ROOT);
                if (key.startsWith("on")) {
                    problems.add("report.html has an event handler attribute: " + tag);
                }
                if ((key.equals("href") || key.endsWith(":href") || key.equals("src") || key.equals("action"))
                        && value.matches("^(javascript|vbscript|data):.*")) {
                    problems.add("report.html has a script URL: " + tag);
                }
                if (key.equals("src") || key.equals("srcset")) {
                    problems.add("report.html loads something: " + tag);
                }
            }
        }
        for (String text : texts(c.get("shown"))) {
            if (!html.contains(escapeHtml(text))) {
                problems.add("report.html does not show " + text + " as escaped text (" + escapeHtml(text) + ")");
            }
        }
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    // ---- summary.md ---------------------------------------------------------------------------------------

    private static void checkMarkdown(String md, Problems problems) {
        Matcher link = MARKDOWN_LINK.matcher(md);
        if (link.find()) {
            problems.add("summary.md has live link or image syntax: " + around(md, link.start()));
        }
        Matcher tag = MARKDOWN_HTML.matcher(md);
        if (tag.find()) {
            problems.add("summary.md has live HTML: " + around(md, tag.start()));
        }
        Matcher control = CONTROL.matcher(md);
        if (control.find()) {
            problems.add("summary.md holds control characters: " + around(md, control.start()));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String head(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 600 ? trimmed : trimmed.substring(0, 600) + " ...";
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60)).replace('\n', ' ');
    }

    /** What went wrong in one case, all of it, so one run tells every defect the case shows. */
    private static final class Problems {
        private final List<String> list = new ArrayList<>();

        void add(String problem) {
            list.add(problem);
        }

        void failIfAny(String what) {
            if (!list.isEmpty()) {
                fail(what + ":\n  - " + String.join("\n  - ", list));
            }
        }
    }

    /**
     * One run of {@code analyze} in a fresh process: working directory {@code dir/cwd}, {@code --out report}
     * inside it, {@code java.io.tmpdir} {@code dir/tmp}; both folders are watched while it runs.
     */
    private record Run(Path dir, Path cwd, Path tmp, int exit, String stdout, String stderr, long seconds,
                       List<String> createdInCwd, List<String> createdInTmp) {

        static Run of(Path dir, Path bundle, List<String> args) throws Exception {
            Path cwd = Files.createDirectories(dir.resolve("cwd"));
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                    "-cp", System.getProperty("java.class.path"),   // a manifest-only jar under surefire: still fine
                    Main.class.getName(), "analyze", bundle.toAbsolutePath().toString(), "--out", OUT));
            command.addAll(args);
            long started = System.nanoTime();
            try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
                WatchKey cwdKey = cwd.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
                WatchKey tmpKey = tmp.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
                Process process = new ProcessBuilder(command).directory(cwd.toFile())
                        .redirectOutput(dir.resolve(STDOUT).toFile()).redirectError(dir.resolve(STDERR).toFile())
                        .start();
                if (!process.waitFor(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    fail("the analyzer did not finish in " + CASE_TIMEOUT_SECONDS + " s on " + bundle.getFileName());
                }
                Map<WatchKey, List<String>> created = drain(watcher);
                return new Run(dir, cwd, tmp, process.exitValue(),
                        Files.readString(dir.resolve(STDOUT), StandardCharsets.UTF_8),
                        Files.readString(dir.resolve(STDERR), StandardCharsets.UTF_8),
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                        created.getOrDefault(cwdKey, List.of()), created.getOrDefault(tmpKey, List.of()));
            }
        }

        /** Names created in each watched folder; waits a little, as events arrive shortly after the fact. */
        private static Map<WatchKey, List<String>> drain(WatchService watcher) throws InterruptedException {
            Map<WatchKey, List<String>> created = new HashMap<>();
            try {
                WatchKey key;
                while ((key = watcher.poll(300, TimeUnit.MILLISECONDS)) != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        List<String> names = created.computeIfAbsent(key, k -> new ArrayList<>());
                        String name = event.kind() == StandardWatchEventKinds.OVERFLOW ? "(too many to tell)"
                                : event.context().toString();
                        if (!names.contains(name)) {
                            names.add(name);
                        }
                    }
                    key.reset();
                }
            } catch (ClosedWatchServiceException ignored) {
                // nothing more to read
            }
            return created;
        }
    }

    /**
     * A start tag of an HTML page with its attributes (names lower case, values unescaped only as far as the
     * checks need: not at all), and for script and style elements their text. Comments, end tags and
     * declarations are skipped; a {@code <} that opens nothing is text.
     */
    private record HtmlTag(String name, Map<String, String> attributes, String content) {

        static List<HtmlTag> scan(String html) {
            List<HtmlTag> tags = new ArrayList<>();
            int i = 0;
            int n = html.length();
            while ((i = html.indexOf('<', i)) >= 0) {
                if (html.startsWith("<!--", i)) {
                    i = skipPast(html, "-->", i + 4);
                } else if (i + 1 < n && (html.charAt(i + 1) == '!' || html.charAt(i + 1) == '?'
                        || html.charAt(i + 1) == '/')) {
                    i = skipPast(html, ">", i + 1);
                } else if (i + 1 < n && Character.isLetter(html.charAt(i + 1))) {
                    i = startTag(html, i + 1, tags);
                } else {
                    i++;
                }
            }
            return tags;
        }

        private static int startTag(String html, int i, List<HtmlTag> tags) {
            int n = html.length();
            int nameEnd = i;
            while (nameEnd < n && (Character.isLetterOrDigit(html.charAt(nameEnd)) || html.charAt(nameEnd) == '-')) {
                nameEnd++;
            }
            String name = html.substring(i, nameEnd).toLowerCase(Locale.ROOT);
            Map<String, String> attributes = new HashMap<>();
            i = nameEnd;
            while (i < n && html.charAt(i) != '>') {
                char ch = html.charAt(i);
                if (Character.isWhitespace(ch) || ch == '/') {
                    i++;
                    continue;
                }
                int keyEnd = i;
                while (keyEnd < n && "\t\n\f\r />=".indexOf(html.charAt(keyEnd)) < 0) {
                    keyEnd++;
                }
                String key = html.substring(i, keyEnd).toLowerCase(Locale.ROOT);
                i = keyEnd;
                String value = "";
                if (i < n && html.charAt(i) == '=') {
                    i++;
                    char quote = i < n ? html.charAt(i) : ' ';
                    int valueEnd;
                    if (quote == '"' || quote == '\'') {
                        valueEnd = html.indexOf(quote, i + 1);
                        valueEnd = valueEnd < 0 ? n : valueEnd;
                        value = html.substring(i + 1, valueEnd);
                        i = Math.min(n, valueEnd + 1);
                    } else {
                        valueEnd = i;
                        while (valueEnd < n && !Character.isWhitespace(html.charAt(valueEnd)) && html.charAt(valueEnd) != '>') {
                            valueEnd++;
                        }
                        value = html.substring(i, valueEnd);
                        i = valueEnd;
                    }
                }
                attributes.put(key, value);
            }
            i = Math.min(n, i + 1);
            String content = "";
            if (name.equals("script") || name.equals("style")) {
                int end = i;
                while (end < n && !html.regionMatches(true, end, "</" + name, 0, name.length() + 2)) {
                    end++;
                }
                content = html.substring(i, end);
                i = end;
            }
            tags.add(new HtmlTag(name, attributes, content));
            return i;
        }

        private static int skipPast(String html, String end, int from) {
            int at = html.indexOf(end, from);
            return at < 0 ? html.length() : at + end.length();
        }

        @Override
        public String toString() {
            return "<" + name + " " + attributes + ">";
        }
    }
}
