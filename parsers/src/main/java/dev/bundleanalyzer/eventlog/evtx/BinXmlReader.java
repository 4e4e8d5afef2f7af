package dev.bundleanalyzer.eventlog.evtx;

import static dev.bundleanalyzer.eventlog.evtx.BinXml.FLAG_MORE;

import dev.bundleanalyzer.eventlog.evtx.BinXml.Attribute;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Element;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Instance;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Markup;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Node;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Substitution;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Template;
import dev.bundleanalyzer.eventlog.evtx.BinXml.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Binary XML inside one chunk into {@link BinXml} nodes. Names are read at their chunk offset (the chunk's
 * string hash table is not needed and a damaged one does no harm) and cached per chunk, as are compiled template
 * definitions, keyed by their offset. A name whose offset leads nowhere falls back to a name written inline,
 * else to {@value #UNKNOWN_NAME}. One instance per file being read; not thread-safe.
 */
final class BinXmlReader {

    static final String UNKNOWN_NAME = "Unknown";
    private static final int MAX_DEPTH = 64;
    private static final int MAX_TEMPLATE_NESTING = 8;
    private static final Object FAILED = new Object();

    private final ValueFormatter formatter;
    private final Map<Integer, Object> templates = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();

    private byte[] data;
    private int limit;
    private int pos;
    private int end;
    private boolean inTemplate;
    private int templateNesting;
    /** Names that could not be read at their offset in the current file. */
    long damagedNames;

    BinXmlReader(ValueFormatter formatter) {
        this.formatter = formatter;
    }

    /** Starts a chunk: forgets the templates and names of the previous one. */
    void startChunk(byte[] chunk, int length) {
        this.data = chunk;
        this.limit = length;
        templates.clear();
        names.clear();
    }

    int templateCount() {
        return templates.size();
    }

    /** Reads the Binary XML of a record, {@code [from, to)} in the chunk. */
    Node[] fragment(int from, int to) {
        pos = from;
        end = Math.min(to, limit);
        inTemplate = false;
        templateNesting = 0;
        return content(0, true);
    }

    /** Reads a Binary XML substitution value; the reader's position is kept. */
    Node[] nestedFragment(int from, int to) {
        int savedPos = pos;
        int savedEnd = end;
        boolean savedIn = inTemplate;
        try {
            pos = from;
            end = Math.min(to, limit);
            inTemplate = false;
            if (++templateNesting > MAX_TEMPLATE_NESTING) {
                throw new EvtxFormatException("Binary XML nested too deep");
            }
            return content(0, true);
        } finally {
            templateNesting--;
            pos = savedPos;
            end = savedEnd;
            inTemplate = savedIn;
        }
    }

    // ---- tokens -------------------------------------------------------------------------------------------

    /** Reads nodes up to an end-of-element token (consumed), or to end-of-fragment / the end at top level. */
    private Node[] content(int depth, boolean topLevel) {
        if (depth > MAX_DEPTH) {
            throw new EvtxFormatException("elements nested too deep");
        }
        List<Node> out = null;
        while (pos < end) {
            int token = data[pos] & 0xFF;
            Node node;
            switch (token & ~FLAG_MORE) {
                case BinXml.TOKEN_EOF -> {
                    pos++;
                    return toArray(out);
                }
                case BinXml.TOKEN_END_ELEMENT -> {
                    pos++;
                    if (!topLevel) {
                        return toArray(out);
                    }
                    continue;
                }
                case BinXml.TOKEN_FRAGMENT_HEADER -> {
                    pos += 4;
                    continue;
                }
                case BinXml.TOKEN_OPEN_START_ELEMENT -> node = element(token, depth);
                case BinXml.TOKEN_TEMPLATE_INSTANCE -> node = instance();
                case BinXml.TOKEN_VALUE, BinXml.TOKEN_CDATA, BinXml.TOKEN_CHAR_REF, BinXml.TOKEN_ENTITY_REF,
                        BinXml.TOKEN_PI_TARGET, BinXml.TOKEN_NORMAL_SUBSTITUTION,
                        BinXml.TOKEN_OPTIONAL_SUBSTITUTION -> node = valueNode(token);
                default -> throw new EvtxFormatException(
                        "unexpected Binary XML token 0x" + Integer.toHexString(token) + " at chunk offset " + pos);
            }
            if (out == null) {
                out = new ArrayList<>(4);
            }
            out.add(node);
        }
        if (!topLevel) {
            throw new EvtxFormatException("element not closed before the end of the data");
        }
        return toArray(out);
    }

    private static Node[] toArray(List<Node> nodes) {
        return nodes == null ? BinXml.NO_NODES : nodes.toArray(BinXml.NO_NODES);
    }

    /** Text, CDATA, references, processing instructions and substitutions: what may appear in an attribute value. */
    private Node valueNode(int token) {
        switch (token & ~FLAG_MORE) {
            case BinXml.TOKEN_VALUE -> {
                int type = data[pos + 1] & 0xFF;
                pos += 2;
                if (type == Values.STRING) {
                    return new Text(lengthPrefixedString());
                }
                if (type == Values.ANSI_STRING) {
                    int n = Bytes.u16(data, pos);
                    check(pos + 2 + n);
                    String s = formatter.format(data, pos + 2, n, Values.ANSI_STRING);
                    pos += 2 + n;
                    return new Text(s);
                }
                int size = ValueFormatter.fixedSize(type);
                if (size == 0) {
                    throw new EvtxFormatException("value token of type 0x" + Integer.toHexString(type));
                }
                check(pos + size);
                String s = formatter.format(data, pos, size, type);
                pos += size;
                return new Text(s);
            }
            case BinXml.TOKEN_CDATA -> {
                pos++;
                String s = lengthPrefixedString();
                return new Markup("<![CDATA[" + s + "]]>", s);
            }
            case BinXml.TOKEN_CHAR_REF -> {
                int code = Bytes.u16(data, pos + 1);
                pos += 3;
                return new Markup("&#" + code + ";", String.valueOf((char) code));
            }
            case BinXml.TOKEN_ENTITY_REF -> {
                pos++;
                String name = name();
                return new Markup("&" + name + ";", entity(name));
            }
            case BinXml.TOKEN_PI_TARGET -> {
                pos++;
                String target = name();
                String piData = "";
                if (pos < end && (data[pos] & 0xFF) == BinXml.TOKEN_PI_DATA) {
                    pos++;
                    piData = lengthPrefixedString();
                }
                return new Markup("<?" + target + (piData.isEmpty() ? "" : " " + piData) + "?>", "");
            }
            case BinXml.TOKEN_NORMAL_SUBSTITUTION, BinXml.TOKEN_OPTIONAL_SUBSTITUTION -> {
                int index = Bytes.u16(data, pos + 1);
                int type = data[pos + 3] & 0xFF;
                pos += 4;
                return new Substitution(index, type, token == BinXml.TOKEN_OPTIONAL_SUBSTITUTION);
            }
            default -> throw new EvtxFormatException("unexpected token 0x" + Integer.toHexString(token));
        }
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }

    private String lengthPrefixedString() {
        int n = Bytes.u16(data, pos);
        check(pos + 2 + 2 * n);
        String s = formatter.utf16(data, pos + 2, 2 * n);
        pos += 2 + 2 * n;
        return s;
    }

    private void check(int to) {
        if (to > end) {
            throw new EvtxFormatException("value runs past the end of its data");
        }
    }

    private Element element(int token, int depth) {
        int start = pos;
        // Elements of template definitions carry a 2-byte dependency identifier before the size; elements of
        // plain fragments usually do not. Take the expected layout unless only the other one makes sense.
        boolean withDependency = inTemplate;
        if (!plausibleName(start + (withDependency ? 7 : 5)) && plausibleName(start + (withDependency ? 5 : 7))) {
            withDependency = !withDependency;
        }
        pos = start + 1 + (withDependency ? 2 : 0) + 4;
        String name = name();
        if ((token & FLAG_MORE) != 0) {
            pos += 4; // size of the attribute list
        }
        Attribute[] attributes = BinXml.NO_ATTRIBUTES;
        List<Attribute> attributeList = null;
        while (pos < end && ((data[pos] & 0xFF) & ~FLAG_MORE) == BinXml.TOKEN_ATTRIBUTE) {
            pos++;
            String attributeName = name();
            Node[] value = attributeValue();
            if (attributeList == null) {
                attributeList = new ArrayList<>(4);
            }
            attributeList.add(new Attribute(attributeName, value));
        }
        if (attributeList != null) {
            attributes = attributeList.toArray(BinXml.NO_ATTRIBUTES);
        }
        if (pos >= end) {
            throw new EvtxFormatException("element " + name + " cut off");
        }
        int close = data[pos] & 0xFF;
        if (close == BinXml.TOKEN_CLOSE_EMPTY_ELEMENT) {
            pos++;
            return new Element(name, attributes, BinXml.NO_NODES);
        }
        if (close != BinXml.TOKEN_CLOSE_START_ELEMENT) {
            throw new EvtxFormatException("element " + name + " not closed properly (token 0x"
                    + Integer.toHexString(close) + ")");
        }
        pos++;
        return new Element(name, attributes, content(depth + 1, false));
    }

    private Node[] attributeValue() {
        Node first = null;
        List<Node> more = null;
        while (pos < end) {
            int base = (data[pos] & 0xFF) & ~FLAG_MORE;
            if (base != BinXml.TOKEN_VALUE && base != BinXml.TOKEN_NORMAL_SUBSTITUTION
                    && base != BinXml.TOKEN_OPTIONAL_SUBSTITUTION && base != BinXml.TOKEN_CHAR_REF
                    && base != BinXml.TOKEN_ENTITY_REF && base != BinXml.TOKEN_CDATA) {
                break;
            }
            Node n = valueNode(data[pos] & 0xFF);
            if (first == null) {
                first = n;
            } else {
                if (more == null) {
                    more = new ArrayList<>(4);
                    more.add(first);
                }
                more.add(n);
            }
        }
        if (more != null) {
            return more.toArray(BinXml.NO_NODES);
        }
        return first == null ? BinXml.NO_NODES : new Node[] {first};
    }

    // ---- names --------------------------------------------------------------------------------------------

    /** Reads a 4-byte name offset at {@code pos} and the name, skipping it when it is written inline. */
    private String name() {
        int offset = Bytes.i32(data, pos);
        pos += 4;
        if (offset == pos) {
            int length = nameLength(offset);
            if (length < 0) {
                throw new EvtxFormatException("damaged inline name at chunk offset " + offset);
            }
            String s = names.get(offset);
            if (s == null) {
                s = formatter.utf16(data, offset + 8, 2 * length);
                names.put(offset, s);
            }
            pos = offset + 10 + 2 * length;
            return s;
        }
        String s = names.get(offset);
        if (s != null) {
            return s;
        }
        int length = nameLength(offset);
        if (length >= 0) {
            s = formatter.utf16(data, offset + 8, 2 * length);
            names.put(offset, s);
            return s;
        }
        damagedNames++;
        int inline = nameLength(pos);
        if (inline >= 0) {
            s = formatter.utf16(data, pos + 8, 2 * inline);
            pos += 10 + 2 * inline;
            return s;
        }
        return UNKNOWN_NAME;
    }

    /** Number of characters of a well-formed name structure at {@code offset}, or -1. */
    private int nameLength(int offset) {
        if (offset < 0 || offset > limit - 10) {
            return -1;
        }
        int n = Bytes.u16(data, offset + 6);
        int terminator = offset + 8 + 2 * n;
        if (n == 0 || terminator + 2 > limit || data[terminator] != 0 || data[terminator + 1] != 0) {
            return -1;
        }
        for (int p = offset + 8; p < terminator; p += 2) {
            if (data[p + 1] == 0 && (data[p] & 0xFF) < 0x20) {
                return -1;
            }
        }
        return n;
    }

    /** Whether the 4 bytes at {@code at} look like the name offset of an element whose fields end at at + 4. */
    private boolean plausibleName(int at) {
        if (at + 4 > end) {
            return false;
        }
        int offset = Bytes.i32(data, at);
        if (offset == at + 4) {
            return nameLength(offset) >= 0;
        }
        return offset < at && (names.containsKey(offset) || nameLength(offset) >= 0);
    }

    // ---- templates ----------------------------------------------------------------------------------------

    private Instance instance() {
        int definition = Bytes.i32(data, pos + 6);
        pos += 10;
        Template template;
        if (definition == pos) {
            boolean known = templates.containsKey(definition);
            template = template(definition);
            long after = pos + 24L + Bytes.u32(data, pos + 20);
            if (after <= end) {
                pos = (int) after;
            } else if (!known) {
                pos = templateEnd;
            } else {
                throw new EvtxFormatException("inline template definition runs past the end of the record");
            }
        } else {
            template = template(definition);
        }
        long count = Bytes.u32(data, pos);
        pos += 4;
        if (count > (end - pos) / 4) {
            throw new EvtxFormatException("implausible substitution count " + count);
        }
        int n = (int) count;
        Values values = new Values(data, n);
        int valuePos = pos + 4 * n;
        for (int i = 0; i < n; i++) {
            int d = pos + 4 * i;
            int size = Bytes.u16(data, d);
            values.types[i] = data[d + 2] & 0xFF;
            values.offsets[i] = valuePos;
            if (valuePos + size > end) {
                throw new EvtxFormatException("substitution values run past the end of the record");
            }
            values.sizes[i] = size;
            valuePos += size;
        }
        pos = valuePos;
        return new Instance(template, values);
    }

    /** Where the last compiled template definition ended. */
    private int templateEnd;

    private Template template(int offset) {
        Object cached = templates.get(offset);
        if (cached instanceof Template t) {
            return t;
        }
        if (cached == FAILED) {
            throw new EvtxFormatException("damaged template definition at chunk offset " + offset);
        }
        if (offset < 0 || offset + 24L > limit) {
            throw new EvtxFormatException("template definition offset " + offset + " outside the chunk");
        }
        if (++templateNesting > MAX_TEMPLATE_NESTING) {
            templateNesting--;
            throw new EvtxFormatException("templates nested too deep");
        }
        int savedPos = pos;
        int savedEnd = end;
        boolean savedIn = inTemplate;
        try {
            long size = Bytes.u32(data, offset + 20);
            pos = offset + 24;
            end = size <= limit - pos ? pos + (int) size : limit;
            inTemplate = true;
            Template t = new Template(offset, content(0, true));
            templates.put(offset, t);
            templateEnd = pos;
            return t;
        } catch (RuntimeException e) {
            templates.put(offset, FAILED);
            throw e;
        } finally {
            templateNesting--;
            pos = savedPos;
            end = savedEnd;
            inTemplate = savedIn;
        }
    }
}
