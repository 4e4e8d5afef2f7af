package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Task Scheduler task definitions: {@code schtasks /query /xml [ONE] [/tn name]} output and exported task
 * XML. A file may hold several {@code <Task>} documents, each preceded by a {@code <!-- \path\name -->} comment and
 * its own {@code <?xml ... encoding="UTF-16"?>} declaration, or (with {@code ONE}) tasks inside one {@code <Tasks>}
 * element. The declarations are ignored (they name UTF-16 even when cmd.exe wrote the file in the OEM code
 * page): each {@code <Task>} element is cut out of the decoded text
 * and read on its own, with DTDs and external entities disabled. A task that is not well-formed is skipped with
 * a note.
 *
 * <pre>
 * &lt;!-- \Microsoft\OnlineBackup\Microsoft-OnlineBackup --&gt;
 * &lt;?xml version="1.0" encoding="UTF-16"?&gt;
 * &lt;Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"&gt;
 *   &lt;RegistrationInfo&gt;&lt;URI&gt;\Microsoft\OnlineBackup\Microsoft-OnlineBackup&lt;/URI&gt;&lt;/RegistrationInfo&gt;
 *   &lt;Triggers&gt;&lt;CalendarTrigger&gt;&lt;StartBoundary&gt;...&lt;/StartBoundary&gt;&lt;Enabled&gt;true&lt;/Enabled&gt;...
 * </pre>
 *
 * <p>The task is named by {@code RegistrationInfo/URI}, else by the comment before it, else by the file name:
 * {@code <task>} is {@code onlinebackup} for {@code \Microsoft\OnlineBackup\Microsoft-OnlineBackup} (any URI whose
 * last segment is {@code Microsoft-OnlineBackup}), {@code wsb} for any task under {@code \Microsoft\Windows\Backup\}
 * (Windows Server Backup, {@code Microsoft-Windows-WindowsBackup}), otherwise the last URI segment in lower case
 * with every character other than {@code [a-z0-9]} as {@code -}.
 *
 * <p>Facts, each on the line of the element it was read from: {@code task.<task>.present = true} (the
 * {@code <Task>} line), {@code .uri} (as written, or the comment's path), {@code .enabled} ({@code Settings/Enabled},
 * {@code true} when absent), {@code .triggers.enabled} ({@code true} when any trigger is enabled, a trigger's
 * {@code Enabled} defaulting to true; {@code false} when all are disabled; absent without triggers), {@code .start}
 * (one per trigger {@code StartBoundary}), {@code .userid}, {@code .groupid} ({@code Principal}),
 * {@code .multipleinstancespolicy} ({@code IgnoreNew} when absent), {@code .command} and {@code .arguments}
 * (one per {@code Exec} action).
 */
public final class ScheduledTaskParser implements Parser {

    public static final String KIND = "scheduled-task";

    /** Namespace of task definitions. */
    public static final String TASK_NS = "http://schemas.microsoft.com/windows/2004/02/mit/task";

    private static final Pattern TASK_START = Pattern.compile("<Task(?=[\\s>/])");
    /** What a task id does not keep of the task's name. */
    private static final Pattern NOT_ID = Pattern.compile("[^a-z0-9]");
    private static final Pattern TASK_END = Pattern.compile("</Task\\s*>");
    /** The comment naming the task, followed only by blanks and an XML declaration up to the task. */
    private static final Pattern NAME_COMMENT = Pattern.compile(
            "<!--\\s*([^<>]*?)\\s*-->\\s*(?:<\\?xml[^>]*\\?>\\s*)?$");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        String text = sample.text();
        if (!TASK_START.matcher(text).find()) {
            return 0;
        }
        if (text.contains(TASK_NS)) {
            return 90;
        }
        return text.contains("<RegistrationInfo") || text.contains("<Triggers") || text.contains("<Actions") ? 70 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        String text = String.join("\n", lines);
        int[] lineStarts = lineStarts(text);
        Matcher start = TASK_START.matcher(text);
        Matcher end = TASK_END.matcher(text);
        long facts = 0;
        int previousEnd = 0;
        int number = 0;
        int from = 0;
        while (from < text.length() && start.find(from)) {
            number++;
            int s = start.start();
            int next = start.find(s + 1) ? start.start() : -1;
            int e = end.find(s) ? end.end() : -1;
            boolean closed = e >= 0 && (next < 0 || e <= next);
            int chunkEnd = closed ? e : next >= 0 ? next : text.length();
            Matcher comment = NAME_COMMENT.matcher(text).region(previousEnd, s);
            String commentPath = comment.find() ? comment.group(1) : null;
            int baseLine = lineOf(lineStarts, s);
            TaskDef task = new TaskDef();
            try {
                read(text.substring(s, chunkEnd), baseLine, task);
            } catch (XMLStreamException ex) {
                sink.note(input.path(), "task " + number + " at line " + baseLine + " is not well-formed XML: "
                        + describe(ex, baseLine));
                previousEnd = s;
                from = chunkEnd;
                continue;
            }
            previousEnd = chunkEnd;
            from = chunkEnd;
            facts += emit(task, commentPath, baseLine, input, lines, sink);
        }
        return facts;
    }

    // ---- reading one task ----

    /** What one task says, with the (file) line of each part. */
    private static final class TaskDef {
        Value uri;
        int settingsLine;
        Value enabled;
        Value multipleInstances;
        final List<Trigger> triggers = new ArrayList<>();
        final List<Value> starts = new ArrayList<>();
        final List<Value> userIds = new ArrayList<>();
        final List<Value> groupIds = new ArrayList<>();
        final List<Value> commands = new ArrayList<>();
        final List<Value> arguments = new ArrayList<>();
    }

    private record Value(String text, int line) {
    }

    private static final class Trigger {
        final int line;
        Value enabled;

        Trigger(int line) {
            this.line = line;
        }
    }

    private static void read(String xml, int baseLine, TaskDef task) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader r = factory.createXMLStreamReader(new StringReader(xml));
        try {
            List<String> path = new ArrayList<>();
            Trigger trigger = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    path.remove(path.size() - 1);
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String name = r.getLocalName();
                int line = baseLine + r.getLocation().getLineNumber() - 1;
                path.add(name);
                String where = String.join("/", path);
                switch (where) {
                    case "Task/RegistrationInfo/URI" -> task.uri = text(r, line, path);
                    case "Task/Settings" -> task.settingsLine = line;
                    case "Task/Settings/Enabled" -> task.enabled = bool(text(r, line, path));
                    case "Task/Settings/MultipleInstancesPolicy" -> task.multipleInstances = text(r, line, path);
                    case "Task/Principals/Principal/UserId" -> task.userIds.add(text(r, line, path));
                    case "Task/Principals/Principal/GroupId" -> task.groupIds.add(text(r, line, path));
                    case "Task/Actions/Exec/Command" -> task.commands.add(text(r, line, path));
                    case "Task/Actions/Exec/Arguments" -> task.arguments.add(text(r, line, path));
                    default -> {
                        if (path.size() == 3 && path.get(1).equals("Triggers")) {
                            trigger = new Trigger(line);
                            task.triggers.add(trigger);
                        } else if (path.size() == 4 && path.get(1).equals("Triggers") && trigger != null) {
                            if (name.equals("Enabled")) {
                                trigger.enabled = bool(text(r, line, path));
                            } else if (name.equals("StartBoundary")) {
                                task.starts.add(text(r, line, path));
                            }
                        } else if (path.size() == 1 && !name.equals("Task")) {
                            throw new XMLStreamException("the root element is " + name + ", not Task", r.getLocation());
                        }
                    }
                }
            }
        } finally {
            r.close();
        }
    }

    /** The text of a leaf element; the reader ends on its end tag, which is taken off the path. */
    private static Value text(XMLStreamReader r, int line, List<String> path) throws XMLStreamException {
        String t = r.getElementText().strip();
        path.remove(path.size() - 1);
        return new Value(t, line);
    }

    private static Value bool(Value v) {
        String t = v.text().toLowerCase(Locale.ROOT);
        return new Value(t.equals("1") ? "true" : t.equals("0") ? "false" : t, v.line());
    }

    private static String describe(XMLStreamException ex, int baseLine) {
        String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        int cut = msg.indexOf("Message:");
        if (cut >= 0) {
            msg = msg.substring(cut + "Message:".length());
        }
        msg = msg.strip().replaceAll("\\s+", " ");
        Location loc = ex.getLocation();
        if (loc != null && loc.getLineNumber() > 0) {
            msg += " (line " + (baseLine + loc.getLineNumber() - 1) + ")";
        }
        return msg;
    }

    // ---- facts ----

    private static long emit(TaskDef task, String commentPath, int taskLine, ParseInput input, List<String> lines,
            RecordSink sink) {
        String uri = task.uri != null && !task.uri.text().isEmpty() ? task.uri.text() : commentPath;
        int uriLine = task.uri != null && !task.uri.text().isEmpty() ? task.uri.line() : taskLine;
        if (uri == null || uri.isBlank()) {
            String name = input.path().replaceAll(".*[/\\\\!]", "");
            uri = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            sink.note(input.path(), "task at line " + taskLine + " has no URI; named after the file: " + uri);
        }
        String prefix = "task." + taskId(uri) + ".";
        Out out = new Out(input, lines, sink);
        out.add(prefix + "present", "true", taskLine);
        out.add(prefix + "uri", uri, uriLine);
        int settingsLine = task.settingsLine > 0 ? task.settingsLine : taskLine;
        if (task.enabled != null) {
            out.add(prefix + "enabled", task.enabled.text(), task.enabled.line());
        } else {
            out.add(prefix + "enabled", "true", settingsLine);
        }
        if (!task.triggers.isEmpty()) {
            Trigger decided = null;
            for (Trigger t : task.triggers) {
                if (t.enabled == null || !t.enabled.text().equals("false")) {
                    decided = t;
                    break;
                }
            }
            if (decided != null) {
                out.add(prefix + "triggers.enabled", "true", decided.enabled != null ? decided.enabled.line() : decided.line);
            } else {
                out.add(prefix + "triggers.enabled", "false", task.triggers.get(0).enabled.line());
            }
        }
        for (Value v : task.starts) {
            out.add(prefix + "start", v.text(), v.line());
        }
        for (Value v : task.userIds) {
            out.add(prefix + "userid", v.text(), v.line());
        }
        for (Value v : task.groupIds) {
            out.add(prefix + "groupid", v.text(), v.line());
        }
        if (task.multipleInstances != null) {
            out.add(prefix + "multipleinstancespolicy", task.multipleInstances.text(), task.multipleInstances.line());
        } else {
            out.add(prefix + "multipleinstancespolicy", "IgnoreNew", settingsLine);
        }
        for (Value v : task.commands) {
            out.add(prefix + "command", v.text(), v.line());
        }
        for (Value v : task.arguments) {
            out.add(prefix + "arguments", v.text(), v.line());
        }
        return out.count;
    }

    /** {@code onlinebackup}, {@code wsb}, or the last segment of the URI in lower case with other characters as dashes. */
    static String taskId(String uri) {
        String u = uri.strip().replace('/', '\\');
        if (!u.startsWith("\\")) {
            u = "\\" + u;
        }
        String lower = u.toLowerCase(Locale.ROOT);
        String last = lower.substring(lower.lastIndexOf('\\') + 1);
        if (last.equals("microsoft-onlinebackup")) {
            return "onlinebackup";
        }
        if (lower.startsWith("\\microsoft\\windows\\backup\\")) {
            return "wsb";
        }
        String id = NOT_ID.matcher(last).replaceAll("-");
        return id.isEmpty() ? "-" : id;
    }

    private static final class Out {
        private final ParseInput input;
        private final List<String> lines;
        private final RecordSink sink;
        long count;

        Out(ParseInput input, List<String> lines, RecordSink sink) {
            this.input = input;
            this.lines = lines;
            this.sink = sink;
        }

        void add(String key, String value, int line) {
            String text = line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
            sink.fact(new Fact(key, value, input.path(), line, text));
            count++;
        }
    }

    // ---- lines ----

    private static int[] lineStarts(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    /** 1-based line of a character offset. */
    private static int lineOf(int[] starts, int offset) {
        int i = java.util.Arrays.binarySearch(starts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }
}
