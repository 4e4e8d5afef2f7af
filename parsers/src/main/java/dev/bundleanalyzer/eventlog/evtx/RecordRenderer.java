package dev.bundleanalyzer.eventlog.evtx;

import dev.bundleanalyzer.eventlog.evtx.BinXml.Attribute;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Element;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Instance;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Markup;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Node;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Substitution;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Text;
import java.time.Instant;

/**
 * Writes a record's tree as event XML (the shape {@code wevtutil qe /f:xml} prints: single-quoted attributes,
 * empty elements closed with {@code />}) and, on the way, picks the fields of {@link EventFields} from
 * {@code Event/System} and the values of {@code Event/EventData} or {@code Event/UserData}.
 * An attribute filled by an optional substitution without a value is left out. Control characters other than
 * tab and line breaks, which event data sometimes holds, are written as character references (XML 1.1).
 * One instance per reader.
 */
final class RecordRenderer {

    /**
     * Template instances and Binary XML values within one another. Real records go two or three deep; the reader
     * bounds nesting only while it reads, and a value is read when it is rendered, so the bound is kept here.
     */
    static final int MAX_NESTING = 16;

    /**
     * Nodes visited for one record. A template is shared by every instance of it, so a damaged chunk can make a
     * small record expand exponentially; no undamaged record of a 64 KiB chunk comes near this.
     */
    static final int MAX_NODES = 1 << 20;

    private final BinXmlReader reader;
    private final ValueFormatter formatter;
    private final StringBuilder xml = new StringBuilder(4096);
    private final EventFields fields = new EventFields();
    private int nesting;
    private int visited;

    RecordRenderer(BinXmlReader reader, ValueFormatter formatter) {
        this.reader = reader;
        this.formatter = formatter;
    }

    /** Renders one record; the returned fields are reused by the next call. */
    EventFields render(Node[] nodes) {
        xml.setLength(0);
        fields.clear();
        nesting = 0;
        visited = 0;
        nodes(nodes, null, 0);
        fields.xml = xml.toString();
        return fields;
    }

    private void nodes(Node[] nodes, Values ctx, int depth) {
        for (Node n : nodes) {
            if (++visited > MAX_NODES) {
                throw new EvtxFormatException("record expands to more than " + MAX_NODES + " nodes");
            }
            if (n instanceof Element e) {
                element(e, ctx, depth);
            } else if (n instanceof Substitution s) {
                substitution(s, ctx, depth);
            } else if (n instanceof Text t) {
                escape(xml, t.text(), false);
            } else if (n instanceof Instance i) {
                nested(i.template().nodes(), i.values(), depth);
            } else if (n instanceof Markup m) {
                xml.append(m.xml());
            }
        }
    }

    /** The nodes of a template instance or a Binary XML value, one level deeper. */
    private void nested(Node[] nodes, Values ctx, int depth) {
        if (++nesting > MAX_NESTING) {
            throw new EvtxFormatException("template instances and Binary XML values nested deeper than " + MAX_NESTING);
        }
        nodes(nodes, ctx, depth);
        nesting--;
    }

    private void substitution(Substitution s, Values ctx, int depth) {
        if (ctx == null || s.index() >= ctx.count) {
            return;
        }
        int type = ctx.types[s.index()];
        if (Values.isBinXml(type)) {
            nested(ctx.nested(s.index(), reader), null, depth);
        } else if (type != Values.NULL) {
            escape(xml, ctx.text(s.index(), formatter), false);
        }
    }

    private void element(Element e, Values ctx, int depth) {
        String name = e.name();
        Node[] children = e.children();
        String[] items = arrayItems(children, ctx);
        if (items != null) {
            for (String item : items) {
                startTag(e, ctx);
                xml.append('>');
                escape(xml, item, false);
                xml.append("</").append(name).append('>');
            }
            if (items.length == 0) {
                startTag(e, ctx);
                xml.append("/>");
            }
        } else {
            startTag(e, ctx);
            if (children.length == 0) {
                xml.append("/>");
            } else {
                xml.append('>');
                nodes(children, ctx, depth + 1);
                xml.append("</").append(name).append('>');
            }
        }
        if (depth == 1) {
            switch (name) {
                case "System" -> system(children, ctx);
                case "EventData", "UserData" -> {
                    if (fields.message.length() == 0) {
                        data(children, ctx);
                    }
                }
                default -> { }
            }
        }
    }

    /** The items when the content of an element is one array substitution, else {@code null}. */
    private String[] arrayItems(Node[] children, Values ctx) {
        if (ctx != null && children.length == 1 && children[0] instanceof Substitution s && ctx.isArray(s.index())) {
            return ctx.items(s.index(), formatter);
        }
        return null;
    }

    private void startTag(Element e, Values ctx) {
        xml.append('<').append(e.name());
        for (Attribute a : e.attributes()) {
            Node[] value = a.value();
            if (value.length == 1 && value[0] instanceof Substitution s && s.optional()
                    && (ctx == null || ctx.isEmpty(s.index()))) {
                continue;
            }
            xml.append(' ').append(a.name()).append("='");
            for (Node v : value) {
                if (v instanceof Text t) {
                    escape(xml, t.text(), true);
                } else if (v instanceof Substitution s) {
                    if (ctx != null && s.index() < ctx.count) {
                        escape(xml, plainSubstitution(s, ctx), true);
                    }
                } else if (v instanceof Markup m) {
                    xml.append(m.xml());
                }
            }
            xml.append('\'');
        }
    }

    // ---- fields -------------------------------------------------------------------------------------------

    private void system(Node[] children, Values ctx) {
        for (Node n : children) {
            if (n instanceof Element e) {
                systemField(e, ctx);
            } else if (n instanceof Instance i) {
                system(i.template().nodes(), i.values());
            } else if (n instanceof Substitution s && ctx != null && s.index() < ctx.count
                    && Values.isBinXml(ctx.types[s.index()])) {
                system(ctx.nested(s.index(), reader), null);
            }
        }
    }

    private void systemField(Element e, Values ctx) {
        switch (e.name()) {
            case "Provider" -> {
                fields.provider = attribute(e, "Name", ctx);
                if (fields.provider == null) {
                    fields.provider = attribute(e, "EventSourceName", ctx);
                }
            }
            case "EventID" -> fields.eventId = text(e.children(), ctx);
            case "Level" -> fields.level = text(e.children(), ctx);
            case "TimeCreated" -> {
                Attribute a = e.attribute("SystemTime");
                if (a != null) {
                    Node[] v = a.value();
                    if (v.length == 1 && v[0] instanceof Substitution s && ctx != null && s.index() < ctx.count
                            && ctx.types[s.index()] == Values.FILETIME && ctx.sizes[s.index()] >= 8) {
                        long ft = Bytes.i64(ctx.data, ctx.offsets[s.index()]);
                        if (ft >= 0) {
                            fields.time = Instant.ofEpochSecond(ValueFormatter.epochSecond(ft),
                                    ValueFormatter.nanos(ft));
                        }
                    }
                    fields.timeText = text(v, ctx);
                }
            }
            case "EventRecordID" -> fields.recordId = text(e.children(), ctx);
            case "Correlation" -> fields.activityId = attribute(e, "ActivityID", ctx);
            case "Execution" -> {
                fields.processId = attribute(e, "ProcessID", ctx);
                fields.threadId = attribute(e, "ThreadID", ctx);
            }
            case "Channel" -> fields.channel = text(e.children(), ctx);
            case "Computer" -> fields.computer = text(e.children(), ctx);
            default -> { }
        }
    }

    private String attribute(Element e, String name, Values ctx) {
        Attribute a = e.attribute(name);
        if (a == null) {
            return null;
        }
        String v = text(a.value(), ctx);
        return v.isEmpty() ? null : v;
    }

    /** Values of EventData / UserData as {@code Name=value} pairs (bare values when unnamed), '; ' between. */
    private void data(Node[] children, Values ctx) {
        for (Node n : children) {
            if (n instanceof Element e) {
                dataElement(e, ctx);
            } else if (n instanceof Instance i) {
                data(i.template().nodes(), i.values());
            } else if (n instanceof Substitution s && ctx != null && s.index() < ctx.count
                    && Values.isBinXml(ctx.types[s.index()])) {
                data(ctx.nested(s.index(), reader), null);
            }
        }
    }

    private void dataElement(Element e, Values ctx) {
        if (hasElements(e.children(), ctx)) {
            data(e.children(), ctx);
            return;
        }
        String key = e.name().equals("Data") ? attribute(e, "Name", ctx) : e.name();
        String[] items = arrayItems(e.children(), ctx);
        if (items != null) {
            for (String item : items) {
                pair(key, item);
            }
        } else {
            pair(key, text(e.children(), ctx));
        }
    }

    private void pair(String key, String value) {
        if (value.isEmpty()) {
            return;
        }
        StringBuilder m = fields.message;
        if (m.length() > 0) {
            m.append("; ");
        }
        if (key != null) {
            m.append(key).append('=');
        }
        m.append(value);
    }

    private boolean hasElements(Node[] nodes, Values ctx) {
        for (Node n : nodes) {
            if (n instanceof Element || n instanceof Instance) {
                return true;
            }
            if (n instanceof Substitution s && ctx != null && s.index() < ctx.count
                    && Values.isBinXml(ctx.types[s.index()])) {
                return true;
            }
        }
        return false;
    }

    /** Text content of nodes (elements included), unescaped. */
    private String text(Node[] nodes, Values ctx) {
        if (nodes.length == 1) {
            Node n = nodes[0];
            if (n instanceof Text t) {
                return t.text();
            }
            if (n instanceof Substitution s) {
                return ctx == null || s.index() >= ctx.count ? "" : plainSubstitution(s, ctx);
            }
        }
        if (nodes.length == 0) {
            return "";
        }
        StringBuilder saved = new StringBuilder();
        appendText(saved, nodes, ctx);
        return saved.toString();
    }

    private String plainSubstitution(Substitution s, Values ctx) {
        int i = s.index();
        if (Values.isBinXml(ctx.types[i])) {
            StringBuilder sb = new StringBuilder();
            appendText(sb, ctx.nested(i, reader), null);
            return sb.toString();
        }
        return ctx.types[i] == Values.NULL ? "" : ctx.text(i, formatter);
    }

    private void appendText(StringBuilder out, Node[] nodes, Values ctx) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Substitution s) {
                if (ctx != null && s.index() < ctx.count) {
                    out.append(plainSubstitution(s, ctx));
                }
            } else if (n instanceof Element e) {
                appendText(out, e.children(), ctx);
            } else if (n instanceof Instance i) {
                appendText(out, i.template().nodes(), i.values());
            } else if (n instanceof Markup m) {
                out.append(m.plain());
            }
        }
    }

    // ---- escaping -----------------------------------------------------------------------------------------

    private static void escape(StringBuilder out, String s, boolean attribute) {
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String rep;
            switch (c) {
                case '&' -> rep = "&amp;";
                case '<' -> rep = "&lt;";
                case '>' -> rep = "&gt;";
                case '\'' -> rep = attribute ? "&apos;" : null;
                case '"' -> rep = attribute ? "&quot;" : null;
                default -> rep = c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                        ? "&#x" + Integer.toHexString(c).toUpperCase() + ";" : null;
            }
            if (rep != null) {
                out.append(s, from, i).append(rep);
                from = i + 1;
            }
        }
        out.append(s, from, n);
    }
}
