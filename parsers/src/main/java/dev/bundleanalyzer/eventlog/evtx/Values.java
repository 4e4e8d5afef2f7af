package dev.bundleanalyzer.eventlog.evtx;

/**
 * The substitution values of one template instance: type, offset and size of each value in the chunk, and their
 * text once asked for. Valid only while the chunk they point into is being read.
 */
final class Values {

    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI_STRING = 0x02;
    static final int INT8 = 0x03;
    static final int UINT8 = 0x04;
    static final int INT16 = 0x05;
    static final int UINT16 = 0x06;
    static final int INT32 = 0x07;
    static final int UINT32 = 0x08;
    static final int INT64 = 0x09;
    static final int UINT64 = 0x0A;
    static final int REAL32 = 0x0B;
    static final int REAL64 = 0x0C;
    static final int BOOL = 0x0D;
    static final int BINARY = 0x0E;
    static final int GUID = 0x0F;
    static final int SIZE_T = 0x10;
    static final int FILETIME = 0x11;
    static final int SYSTEMTIME = 0x12;
    static final int SID = 0x13;
    static final int HEX_INT32 = 0x14;
    static final int HEX_INT64 = 0x15;
    static final int EVT_HANDLE = 0x20;
    static final int BINXML = 0x21;
    static final int EVT_XML = 0x23;
    static final int ARRAY = 0x80;

    final byte[] data;
    final int count;
    final int[] types;
    final int[] offsets;
    final int[] sizes;
    private String[] texts;
    private BinXml.Node[][] nested;

    Values(byte[] data, int count) {
        this.data = data;
        this.count = count;
        this.types = new int[count];
        this.offsets = new int[count];
        this.sizes = new int[count];
    }

    static boolean isBinXml(int type) {
        return type == BINXML || type == EVT_XML;
    }

    int type(int index) {
        return index < count ? types[index] : NULL;
    }

    /** True when the value is absent: out of range, of the null type, or empty. */
    boolean isEmpty(int index) {
        return index >= count || types[index] == NULL || sizes[index] == 0;
    }

    /** The text of a value that is not Binary XML (see {@link #nested}). */
    String text(int index, ValueFormatter formatter) {
        if (index >= count) {
            return "";
        }
        if (texts == null) {
            texts = new String[count];
        }
        String t = texts[index];
        if (t == null) {
            t = formatter.format(data, offsets[index], sizes[index], types[index]);
            texts[index] = t;
        }
        return t;
    }

    /** Whether the value is an array (its element is written once per item). */
    boolean isArray(int index) {
        return index < count && (types[index] & ARRAY) != 0 && sizes[index] > 0;
    }

    /** The items of an array value. */
    String[] items(int index, ValueFormatter formatter) {
        return formatter.items(data, offsets[index], sizes[index], types[index] & ~ARRAY);
    }

    /** The nodes of a Binary XML value, read once. */
    BinXml.Node[] nested(int index, BinXmlReader reader) {
        if (nested == null) {
            nested = new BinXml.Node[count][];
        }
        BinXml.Node[] n = nested[index];
        if (n == null) {
            n = sizes[index] == 0 ? BinXml.NO_NODES
                    : reader.nestedFragment(offsets[index], offsets[index] + sizes[index]);
            nested[index] = n;
        }
        return n;
    }
}
