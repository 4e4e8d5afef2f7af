package dev.bundleanalyzer.eventlog.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.ParseInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Records of a damaged chunk whose Binary XML refers to itself over and over: values nested in values, templates
 * instantiated by templates. Each is skipped as damaged, in a moment, instead of taking the stack or the time of
 * the whole analysis.
 */
class RecordExpansionTest {

    /** Where the Binary XML of the only record of the chunk starts: chunk header, then the record header. */
    private static final int FRAGMENT = 512 + 24;
    private static final int INSTANCE = 10;
    private static final int TEMPLATE_HEADER = 24;

    @Test
    void valuesNestedInValuesThousandsDeepAreADamagedRecord() throws IOException {
        // each level: an instance of the same template whose one substitution is a Binary XML value holding the next
        CollectingSink sink = parse(chunk(nestedValues(3000)));
        assertEquals(0, sink.events.size());
        assertTrue(sink.notes.stream().anyMatch(n -> n.contains("nested deeper than")), sink.notes.toString());

        assertEquals(1, parse(chunk(nestedValues(3))).events.size(), "a few levels are a record like any other");
    }

    @Test
    void templatesThatMultiplyAreADamagedRecord() {
        // twelve templates, each instantiating the next eight times: 8^12 instances from a record of 2 KiB
        CollectingSink sink = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parse(chunk(multiplying(12, 8))));
        assertEquals(0, sink.events.size());
        assertTrue(sink.notes.stream().anyMatch(n -> n.contains("expands to more than")), sink.notes.toString());
    }

    /** A record whose value holds an instance whose value holds an instance ..., {@code levels} deep. */
    private static byte[] nestedValues(int levels) {
        int template = FRAGMENT + 4 + INSTANCE;
        // the template: its only node is substitution 0 of type Binary XML
        byte[] content = {0x0D, 0, 0, 0x21, 0x00};
        byte[] value = instanceOf(template, new byte[0]); // the innermost instance has no values
        for (int i = 1; i < levels; i++) {
            value = instanceOf(template, value);
        }
        Out fragment = new Out();
        fragment.bytes(0x0F, 1, 1, 0);
        fragment.bytes(0x0C, 0).i32(1).i32(template); // defined right here
        fragment.i32(0).zeros(16).i32(content.length).raw(content);
        fragment.i32(1).i16(value.length).bytes(0x21, 0).raw(value);
        return fragment.toByteArray();
    }

    /** An instance of the template at {@code template} with one Binary XML value, or none when it is empty. */
    private static byte[] instanceOf(int template, byte[] value) {
        Out out = new Out();
        out.bytes(0x0C, 0).i32(1).i32(template);
        if (value.length == 0) {
            out.i32(0);
        } else {
            out.i32(1).i16(value.length).bytes(0x21, 0).raw(value);
        }
        return out.toByteArray();
    }

    /**
     * A record that instantiates templates {@code levels} .. 0, where template k holds {@code fanOut} instances
     * of template k + 1. Each is read once, by offset, and kept; rendering the last one expands all of them.
     */
    private static byte[] multiplying(int levels, int fanOut) {
        int instances = (levels + 1) * (INSTANCE + 4);
        int templatesAt = FRAGMENT + 4 + instances + 1;
        int templateSize = TEMPLATE_HEADER + fanOut * (INSTANCE + 4) + 1;
        Out fragment = new Out();
        fragment.bytes(0x0F, 1, 1, 0);
        for (int k = levels; k >= 0; k--) {
            fragment.bytes(0x0C, 0).i32(k).i32(templatesAt + k * templateSize).i32(0);
        }
        fragment.bytes(0x00);
        for (int k = 0; k <= levels; k++) {
            Out content = new Out();
            for (int i = 0; k < levels && i < fanOut; i++) {
                content.bytes(0x0C, 0).i32(k + 1).i32(templatesAt + (k + 1) * templateSize).i32(0);
            }
            content.zeros(templateSize - TEMPLATE_HEADER - content.size() - 1).bytes(0x00);
            fragment.i32(0).zeros(16).i32(templateSize - TEMPLATE_HEADER).raw(content.toByteArray());
        }
        return fragment.toByteArray();
    }

    /** A lone chunk (no file header) holding one record with this Binary XML. */
    private static byte[] chunk(byte[] fragment) {
        int size = 24 + fragment.length + 4;
        Out record = new Out();
        record.bytes(0x2A, 0x2A, 0, 0).i32(size).i64(1).i64(133_000_000_000_000_000L).raw(fragment).i32(size);
        ByteBuffer chunk = ByteBuffer.allocate(ChunkHeader.CHUNK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(ChunkHeader.MAGIC);
        chunk.putInt(48, ChunkHeader.SIZE + size);
        chunk.put(ChunkHeader.SIZE, record.toByteArray());
        return chunk.array();
    }

    private static CollectingSink parse(byte[] content) throws IOException {
        CollectingSink sink = new CollectingSink();
        new EvtxParser().parse(new ParseInput("x.evtx", null, null, new ByteArrayInputStream(content)), sink);
        return sink;
    }

    /** Little-endian bytes. */
    private static final class Out extends ByteArrayOutputStream {
        Out bytes(int... values) {
            for (int v : values) {
                write(v);
            }
            return this;
        }

        Out i16(int v) {
            return bytes(v & 0xFF, (v >>> 8) & 0xFF);
        }

        Out i32(int v) {
            return i16(v & 0xFFFF).i16(v >>> 16);
        }

        Out i64(long v) {
            return i32((int) v).i32((int) (v >>> 32));
        }

        Out zeros(int n) {
            return raw(new byte[n]);
        }

        Out raw(byte[] b) {
            writeBytes(b);
            return this;
        }
    }
}
