package dev.bundleanalyzer.eventlog.evtx;

/**
 * The tree a Binary XML fragment is read into. Template definitions are read once per chunk into these nodes;
 * a record is a small tree (usually one {@link Instance}) whose substitutions are filled in from its own bytes.
 */
final class BinXml {

    static final int TOKEN_EOF = 0x00;
    static final int TOKEN_OPEN_START_ELEMENT = 0x01;
    static final int TOKEN_CLOSE_START_ELEMENT = 0x02;
    static final int TOKEN_CLOSE_EMPTY_ELEMENT = 0x03;
    static final int TOKEN_END_ELEMENT = 0x04;
    static final int TOKEN_VALUE = 0x05;
    static final int TOKEN_ATTRIBUTE = 0x06;
    static final int TOKEN_CDATA = 0x07;
    static final int TOKEN_CHAR_REF = 0x08;
    static final int TOKEN_ENTITY_REF = 0x09;
    static final int TOKEN_PI_TARGET = 0x0A;
    static final int TOKEN_PI_DATA = 0x0B;
    static final int TOKEN_TEMPLATE_INSTANCE = 0x0C;
    static final int TOKEN_NORMAL_SUBSTITUTION = 0x0D;
    static final int TOKEN_OPTIONAL_SUBSTITUTION = 0x0E;
    static final int TOKEN_FRAGMENT_HEADER = 0x0F;
    /** Set on tokens that have a following sibling (attributes) or on elements that carry attributes. */
    static final int FLAG_MORE = 0x40;

    static final Node[] NO_NODES = new Node[0];
    static final Attribute[] NO_ATTRIBUTES = new Attribute[0];

    private BinXml() {
    }

    /** A node of the tree. */
    sealed interface Node permits Element, Text, Markup, Substitution, Instance {
    }

    /** An element with its attributes and content. */
    record Element(String name, Attribute[] attributes, Node[] children) implements Node {
        Attribute attribute(String attributeName) {
            for (Attribute a : attributes) {
                if (a.name().equals(attributeName)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** An attribute; its value is made of text, references and substitutions. */
    record Attribute(String name, Node[] value) {
    }

    /** Character data, unescaped. */
    record Text(String text) implements Node {
    }

    /**
     * Markup that is written as is: a CDATA section, a character or entity reference, a processing instruction.
     *
     * @param xml   the markup in the rendered XML
     * @param plain what it contributes to the text content of its element
     */
    record Markup(String xml, String plain) implements Node {
    }

    /** A place in a template filled by the value with this index of the template instance. */
    record Substitution(int index, int type, boolean optional) implements Node {
    }

    /** A template applied to the substitution values of one record. */
    record Instance(Template template, Values values) implements Node {
    }

    /** A compiled template definition: its nodes, and where its definition was in the chunk. */
    record Template(int offset, Node[] nodes) {
    }
}
