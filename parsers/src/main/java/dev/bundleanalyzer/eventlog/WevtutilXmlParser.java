package dev.bundleanalyzer.eventlog;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads event XML: the output of {@code wevtutil qe <log> /f:xml}, a sequence of
 * {@code <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">} elements without a root, and
 * Event Viewer's "Save as XML", the same elements inside {@code <Events>}:
 * <pre>
 * &lt;Event xmlns="…/events/event"&gt;&lt;System&gt;&lt;Provider Name="MSDPM"/&gt;&lt;EventID Qualifiers="0"&gt;999&lt;/EventID&gt;
 *   &lt;Level&gt;2&lt;/Level&gt;…&lt;TimeCreated SystemTime="2016-06-01T20:55:45.000000000Z"/&gt;
 *   &lt;EventRecordID&gt;44561&lt;/EventRecordID&gt;&lt;Channel&gt;Application&lt;/Channel&gt;&lt;Computer&gt;…&lt;/Computer&gt;…&lt;/System&gt;
 *   &lt;EventData&gt;&lt;Data&gt;An unexpected error caused a failure for process 'msdpm'.…&lt;/Data&gt;&lt;/EventData&gt;&lt;/Event&gt;
 * </pre>
 *
 * <p>The text is cut into one fragment per {@code <Event>} element as it streams by (whatever lies between
 * them, a root, an XML declaration, a DOCTYPE or a line of other output, is skipped), and each fragment is read
 * with StAX, DTDs and external entities disabled. A fragment that is not well-formed is skipped with a note;
 * the events around it are still read. The record's line is the line of its {@code <Event}.
 *
 * <p>Fields: component = {@code Provider/@Name}; eventId = {@code EventID}; level = {@code Level} as a word
 * (1 Critical, 2 Error, 3 Warning, 4 and 0 Information, 5 Verbose); time = {@code TimeCreated/@SystemTime}, which
 * is UTC; record = {@code EventRecordID}; channel; computer; activityId = {@code Correlation/@ActivityID} without
 * braces; process and thread = {@code Execution/@ProcessID} and {@code @ThreadID}. The message is
 * {@code RenderingInfo/Message} when the export has it (Event Viewer's "Save as XML", {@code /f:RenderedXml});
 * otherwise the {@code EventData/Data} values, one per line, as {@code Name=value} when named; otherwise the leaf
 * elements of {@code UserData} as {@code Name=value}.
 *
 * <p>Stateless and thread-safe; streams the file.
 */
public final class WevtutilXmlParser implements Parser {

    public static final String KIND = "eventlog-xml";

    static final String EVENT_NS = "http://schemas.microsoft.com/win/2004/08/events/event";

    /** Longest {@code <Event>} element read; longer ones are skipped with a note. */
    static final int MAX_EVENT_CHARS = 4 << 20;

    /** Notes about damaged events given per file; the rest are counted in the last one. */
    private static final int MAX_NOTES = 5;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        String t = sample.text();
        int i = skipProlog(t, 0);
        if (i < 0 || !t.startsWith("<Events", i) || !isNameEnd(t, i + 7)) {
            if (i >= 0 && t.startsWith("<Event", i) && isNameEnd(t, i + 6)) {
                return judgeEvent(t, i);
            }
            return 0;
        }
        int close = t.indexOf('>', i);
        if (close < 0) {
            return 0;
        }
        int j = skipProlog(t, close + 1);
        if (j < 0) {
            return 0;
        }
        if (j >= t.length() || t.startsWith("</Events", j)) {
            return t.startsWith("<Events>", i) ? 60 : 0; // Event Viewer's export of an empty log
        }
        return t.startsWith("<Event", j) && isNameEnd(t, j + 6) ? judgeEvent(t, j) : 0;
    }

    /** An {@code <Event} at i: certain with the event namespace, likely with System and EventID children. */
    private static int judgeEvent(String t, int i) {
        int tagEnd = t.indexOf('>', i);
        String tag = tagEnd < 0 ? t.substring(i) : t.substring(i, tagEnd);
        if (tag.contains(EVENT_NS)) {
            return 95;
        }
        String head = t.substring(i, Math.min(t.length(), i + 2000));
        return head.contains("<System>") && head.contains("<EventID") ? 80 : 0;
    }

    /** Skips blanks, XML declarations, processing instructions, comments and a DOCTYPE; -1 when cut short. */
    private static int skipProlog(String t, int i) {
        int n = t.length();
        while (true) {
            while (i < n && (Character.isWhitespace(t.charAt(i)) || t.charAt(i) == '\uFEFF')) {
                i++;
            }
            if (t.startsWith("<?", i)) {
                int end = t.indexOf("?>", i);
                if (end < 0) {
                    return -1;
                }
                i = end + 2;
            } else if (t.startsWith("<!--", i)) {
                int end = t.indexOf("-->", i);
                if (end < 0) {
                    return -1;
                }
                i = end + 3;
            } else if (t.startsWith("<!DOCTYPE", i)) {
                int end = t.indexOf('>', i);
                int bracket = t.indexOf('[', i);
                if (bracket >= 0 && (end < 0 || bracket < end)) {
                    end = t.indexOf("]>", bracket);
                    end = end < 0 ? -1 : end + 1;
                }
                if (end < 0) {
                    return -1;
                }
                i = end + 1;
            } else {
                return i;
            }
        }
    }

    private static boolean isNameEnd(String t, int i) {
        if (i >= t.length()) {
            return false;
        }
        char c = t.charAt(i);
        return c == '>' || c == '/' || Character.isWhitespace(c);
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        Run run = new Run(input.path(), factory, sink);
        try (Reader reader = input.reader()) {
            new Splitter(run).read(reader);
        }
        run.finish();
        return run.count;
    }

    // ---- cutting the stream into <Event> elements ---------------------------------------------------------------

    /** Receives each {@code <Event>} element of the stream with the line it starts on. */
    private interface Fragments {
        void fragment(CharSequence xml, long line);

        void tooLong(long line);
    }

    /**
     * Finds {@code <Event>} elements in a character stream by their tags: every {@code <} opens a markup item and
     * the next {@code >} closes it ({@code <} never stands for itself in XML, and a {@code >} inside an attribute
     * value only shortens an item that is not an Event tag anyway). Nested {@code <Event>} elements are counted.
     */
    private static final class Splitter {
        private final Fragments out;
        private final StringBuilder fragment = new StringBuilder(4096);
        /** The markup item being read outside an event: kept to start a fragment with it. */
        private final StringBuilder outside = new StringBuilder(256);
        private final char[] head = new char[8];
        private int headLength;
        private boolean inTag;
        private char previous;
        private int depth;
        private boolean overflow;
        private long line = 1;
        private long tagLine;
        private long eventLine;

        Splitter(Fragments out) {
            this.out = out;
        }

        void read(Reader reader) throws IOException {
            char[] buf = new char[1 << 16];
            for (int n; (n = reader.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    accept(buf[i]);
                }
            }
        }

        private void accept(char c) {
            if (depth > 0) {
                if (!overflow) {
                    if (fragment.length() < MAX_EVENT_CHARS) {
                        fragment.append(c);
                    } else {
                        overflow = true;
                    }
                }
            } else if (inTag && outside.length() < 4096) {
                outside.append(c);
            }
            if (c == '\n') {
                line++;
            }
            if (c == '<') {
                inTag = true;
                headLength = 0;
                head[headLength++] = c;
                tagLine = line;
                if (depth == 0) {
                    outside.setLength(0);
                    outside.append(c);
                }
            } else if (inTag) {
                if (headLength < head.length) {
                    head[headLength++] = c;
                }
                if (c == '>') {
                    inTag = false;
                    tag(previous == '/');
                }
            }
            previous = c;
        }

        private void tag(boolean selfClosing) {
            if (startsWith("</Event") && headLength >= 8 && isEnd(head[7])) {
                if (depth > 0 && --depth == 0) {
                    if (overflow) {
                        out.tooLong(eventLine);
                    } else {
                        out.fragment(fragment, eventLine);
                    }
                    fragment.setLength(0);
                    overflow = false;
                }
            } else if (startsWith("<Event") && headLength >= 7 && isEnd(head[6]) && !selfClosing) {
                if (depth == 0) {
                    fragment.setLength(0);
                    fragment.append(outside);
                    eventLine = tagLine;
                }
                depth++;
            }
        }

        private boolean startsWith(String s) {
            if (headLength < s.length()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (head[i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isEnd(char c) {
            return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
    }

    // ---- one file ------------------------------------------------------------------------------------------------

    private static final class Run implements Fragments {
        private final String file;
        private final XMLInputFactory factory;
        private final RecordSink sink;
        private long count;
        private int damaged;

        Run(String file, XMLInputFactory factory, RecordSink sink) {
            this.file = file;
            this.factory = factory;
            this.sink = sink;
        }

        @Override
        public void fragment(CharSequence xml, long line) {
            String text = xml.toString();
            LogEvent e;
            try {
                e = read(text, line);
            } catch (XMLStreamException | RuntimeException ex) {
                damaged("the event at line " + line + " is not well-formed XML and was skipped: "
                        + EventViewerCsvParser.firstLine(ex.getMessage()));
                return;
            }
            sink.event(e);
            count++;
        }

        @Override
        public void tooLong(long line) {
            damaged("the event at line " + line + " is longer than " + MAX_EVENT_CHARS + " characters and was skipped");
        }

        private void damaged(String message) {
            damaged++;
            if (damaged <= MAX_NOTES) {
                sink.note(file, message);
            }
        }

        void finish() {
            if (damaged > MAX_NOTES) {
                sink.note(file, (damaged - MAX_NOTES) + " more events were skipped as damaged");
            }
        }

        private LogEvent read(String xml, long line) throws XMLStreamException {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(xml));
            Fields f = new Fields();
            try {
                List<String> path = new ArrayList<>();
                while (r.hasNext()) {
                    int ev = r.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        String name = r.getLocalName();
                        String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
                        if (f.start(r, name, parent, path)) {
                            continue; // the element was read whole
                        }
                        path.add(name);
                    } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                        f.text(r.getText(), path);
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        f.end(path);
                        if (!path.isEmpty()) {
                            path.remove(path.size() - 1);
                        }
                    }
                }
            } finally {
                r.close();
            }
            String message = f.message();
            return LogEvent.builder(file, line)
                    .record(EventLogs.recordId(f.recordId))
                    .time(EventTimes.systemTime(f.systemTime))
                    .timeText(EventLogs.blankToNull(f.systemTime))
                    .level(f.level != null ? EventLogs.levelOf(f.level) : EventLogs.level(f.renderedLevel))
                    .component(EventLogs.blankToNull(f.provider))
                    .process(EventLogs.blankToNull(f.processId))
                    .thread(EventLogs.blankToNull(f.threadId))
                    .activityId(EventLogs.guid(f.activityId))
                    .channel(EventLogs.blankToNull(f.channel))
                    .eventId(EventLogs.eventId(f.eventId))
                    .computer(EventLogs.blankToNull(f.computer))
                    .message(message)
                    .errorCodes(ErrorCodes.extract(message))
                    .raw(EventLogs.capRaw(xml))
                    .build();
        }
    }

    /** The fields of one event as its elements go by. */
    private static final class Fields {
        String provider;
        String eventId;
        String level;
        String renderedLevel;
        String systemTime;
        String recordId;
        String channel;
        String computer;
        String activityId;
        String processId;
        String threadId;
        String rendered;
        final StringBuilder data = new StringBuilder();
        final StringBuilder userData = new StringBuilder();
        /** Text of the innermost open element under UserData, and whether it has child elements. */
        private final StringBuilder leafText = new StringBuilder();
        private boolean leafHasChildren;

        /** Handles a start tag; true when it read the element whole (its end tag is consumed). */
        boolean start(XMLStreamReader r, String name, String parent, List<String> path)
                throws XMLStreamException {
            if (inside(path, "UserData")) {
                leafText.setLength(0);
                leafHasChildren = false;
                return false;
            }
            switch (name) {
                case "Provider" -> {
                    if (parent.equals("System")) {
                        provider = attr(r, "Name");
                        if (provider == null) {
                            provider = attr(r, "EventSourceName");
                        }
                    }
                    return false;
                }
                case "TimeCreated" -> {
                    if (parent.equals("System")) {
                        systemTime = attr(r, "SystemTime");
                    }
                    return false;
                }
                case "Correlation" -> {
                    if (parent.equals("System")) {
                        activityId = attr(r, "ActivityID");
                    }
                    return false;
                }
                case "Execution" -> {
                    if (parent.equals("System")) {
                        processId = attr(r, "ProcessID");
                        threadId = attr(r, "ThreadID");
                    }
                    return false;
                }
                case "EventID", "Level", "EventRecordID", "Channel", "Computer" -> {
                    if (parent.equals("RenderingInfo") && name.equals("Level")) {
                        renderedLevel = r.getElementText();
                        return true;
                    }
                    if (!parent.equals("System")) {
                        return false;
                    }
                    String v = r.getElementText();
                    switch (name) {
                        case "EventID" -> eventId = v;
                        case "Level" -> level = v;
                        case "EventRecordID" -> recordId = v;
                        case "Channel" -> channel = v;
                        default -> computer = v;
                    }
                    return true;
                }
                case "Data" -> {
                    if (!parent.equals("EventData")) {
                        return false;
                    }
                    String dataName = attr(r, "Name");
                    String v = r.getElementText().strip();
                    if (dataName != null || !v.isEmpty()) {
                        if (data.length() > 0) {
                            data.append('\n');
                        }
                        if (dataName != null) {
                            data.append(dataName).append('=');
                        }
                        data.append(v);
                    }
                    return true;
                }
                case "Message" -> {
                    if (!parent.equals("RenderingInfo")) {
                        return false;
                    }
                    rendered = r.getElementText();
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        void text(String text, List<String> path) {
            if (inside(path, "UserData")) {
                leafText.append(text);
            }
        }

        void end(List<String> path) {
            if (path.size() >= 2 && inside(path.subList(0, path.size() - 1), "UserData")) {
                String name = path.get(path.size() - 1);
                String v = leafText.toString().strip();
                if (!leafHasChildren && !v.isEmpty()) {
                    if (userData.length() > 0) {
                        userData.append('\n');
                    }
                    userData.append(name).append('=').append(v);
                }
                leafText.setLength(0);
                leafHasChildren = true; // the parent of a closed element is not a leaf
            }
        }

        private static boolean inside(List<String> path, String name) {
            return path.contains(name);
        }

        String message() {
            String m = EventLogs.blankToNull(rendered);
            if (m != null) {
                return EventLogs.unixLines(m);
            }
            if (data.length() > 0) {
                return EventLogs.unixLines(data.toString());
            }
            return userData.length() > 0 ? EventLogs.unixLines(userData.toString()) : null;
        }

        private static String attr(XMLStreamReader r, String name) {
            String v = r.getAttributeValue(null, name);
            return v == null || v.isBlank() ? null : v;
        }
    }
}
