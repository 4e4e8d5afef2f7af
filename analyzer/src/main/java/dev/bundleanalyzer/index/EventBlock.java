package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.util.BytesRef;

/**
 * The events of one block document, stored as one value: each event's fields in a compact form that the reader
 * turns back into the very events the query saw (times to the millisecond, as every hit has them). A value equal
 * to the previous event's costs one byte, one found in the raw line (a trace line's columns) its place there, and a
 * message that is the end of its raw line (a trace line's message column) its length only.
 */
final class EventBlock {

    private static final int VERSION = 1;

    private static final int RECORD = 1;
    private static final int TIME = 1 << 1;
    private static final int TIME_ASSUMED = 1 << 2;
    private static final int EVENT_ID = 1 << 3;
    private static final int MESSAGE_IS_TAIL = 1 << 4;

    /** String slots: {@code null}, the previous event's value, a part of the raw line, or a value of its own. */
    private static final int NULL = 0;
    private static final int SAME = 1;
    private static final int IN_RAW = 2;
    private static final int OWN = 3;

    private static final int SHARED = 9; // level .. timeText below

    private EventBlock() {
    }

    /** The events, all of one file, as one value. */
    static BytesRef encode(List<LogEvent> events) {
        Writer out = new Writer(events.size() * 200);
        out.varLong(VERSION);
        out.nullable(events.isEmpty() ? null : events.get(0).file());
        out.varLong(events.size());
        String[] previous = new String[SHARED];
        for (LogEvent e : events) {
            boolean tail = e.message() != null && e.raw() != null && e.raw().endsWith(e.message());
            int flags = (e.record() != null ? RECORD : 0) | (e.time() != null ? TIME : 0)
                    | (e.timeAssumed() ? TIME_ASSUMED : 0) | (e.eventId() != null ? EVENT_ID : 0)
                    | (tail ? MESSAGE_IS_TAIL : 0);
            out.varLong(flags);
            out.varLong(e.line());
            if (e.record() != null) {
                out.zLong(e.record());
            }
            if (e.time() != null) {
                out.zLong(e.time().toEpochMilli());
            }
            if (e.eventId() != null) {
                out.zLong(e.eventId());
            }
            String[] shared = {e.level(), e.component(), e.process(), e.thread(), e.source(), e.activityId(),
                    e.channel(), e.computer(), e.timeText()};
            out.nullable(e.raw());
            for (int i = 0; i < SHARED; i++) {
                if (shared[i] == null) {
                    out.varLong(NULL);
                } else if (shared[i].equals(previous[i])) {
                    out.varLong(SAME);
                } else {
                    out.part(shared[i], e.raw());
                }
                previous[i] = shared[i];
            }
            out.varLong(e.errorCodes().size());
            for (String code : e.errorCodes()) {
                out.part(code, e.raw());
            }
            if (tail) {
                out.varLong(e.message().length());
            } else {
                out.nullable(e.message());
            }
        }
        return new BytesRef(out.bytes, 0, out.size);
    }

    /** The events of a value. */
    static List<LogEvent> decode(BytesRef value) {
        Reader in = new Reader(value);
        long version = in.varLong();
        if (version != VERSION) {
            throw new IllegalStateException("events stored in an unknown layout (" + version + ")");
        }
        String file = in.nullable();
        int n = (int) in.varLong();
        if (n < 0 || n > value.length) {
            throw new IllegalStateException("stored events hold an impossible count");
        }
        List<LogEvent> events = new ArrayList<>(n);
        String[] previous = new String[SHARED];
        for (int k = 0; k < n; k++) {
            int flags = (int) in.varLong();
            long line = in.varLong();
            Long record = (flags & RECORD) != 0 ? in.zLong() : null;
            Instant time = (flags & TIME) != 0 ? Instant.ofEpochMilli(in.zLong()) : null;
            Integer eventId = (flags & EVENT_ID) != 0 ? (int) in.zLong() : null;
            String raw = in.nullable();
            for (int i = 0; i < SHARED; i++) {
                int slot = (int) in.varLong();
                previous[i] = slot == NULL ? null : slot == SAME ? previous[i] : in.part(slot, raw);
            }
            int codes = (int) in.varLong();
            List<String> errorCodes = new ArrayList<>(codes);
            for (int i = 0; i < codes; i++) {
                errorCodes.add(in.part((int) in.varLong(), raw));
            }
            String message;
            if ((flags & MESSAGE_IS_TAIL) != 0) {
                int length = (int) in.varLong();
                message = raw.substring(raw.length() - length);
            } else {
                message = in.nullable();
            }
            events.add(new LogEvent(file, line, record, time, previous[8], (flags & TIME_ASSUMED) != 0, previous[0],
                    previous[1], previous[2], previous[3], previous[4], previous[5], errorCodes, message, raw,
                    previous[6], eventId, previous[7]));
        }
        return events;
    }

    private static final class Writer {
        byte[] bytes;
        int size;

        Writer(int capacity) {
            bytes = new byte[Math.max(64, capacity)];
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void zLong(long v) {
            varLong((v << 1) ^ (v >> 63));
        }

        /** The UTF-8 length plus {@code offset}, then the bytes. */
        void string(String s, int offset) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varLong(utf8.length + (long) offset);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        /** A value: where it is in the raw line when it is there (the columns of a trace line), else its text. */
        void part(String value, String raw) {
            int at = raw == null || value.isEmpty() ? -1 : raw.indexOf(value);
            if (at >= 0) {
                varLong(IN_RAW);
                varLong(at);
                varLong(value.length());
            } else {
                varLong(OWN);
                string(value, 0);
            }
        }

        void nullable(String s) {
            if (s == null) {
                varLong(0);
            } else {
                string(s, 1);
            }
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Reader(BytesRef value) {
            this.bytes = Objects.requireNonNull(value.bytes);
            this.pos = value.offset;
            this.end = value.offset + value.length;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalStateException("stored events end too early");
                }
                byte b = bytes[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalStateException("stored events hold a malformed number");
        }

        long zLong() {
            long v = varLong();
            return (v >>> 1) ^ -(v & 1);
        }

        String string(int length) {
            if (length < 0 || length > end - pos) {
                throw new IllegalStateException("stored events hold a malformed text");
            }
            String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        String part(int slot, String raw) {
            if (slot == IN_RAW) {
                int at = (int) varLong();
                int length = (int) varLong();
                if (raw == null || at < 0 || length < 0 || at > raw.length() - length) {
                    throw new IllegalStateException("stored events point outside their line");
                }
                return raw.substring(at, at + length);
            }
            if (slot != OWN) {
                throw new IllegalStateException("stored events hold an unknown value slot (" + slot + ")");
            }
            return string((int) varLong());
        }

        String nullable() {
            int slot = (int) varLong();
            return slot == 0 ? null : string(slot - 1);
        }
    }
}
