package dev.bundleanalyzer.eventlog.evtx;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ErrorCodes;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Windows event log files ({@code .evtx}), read natively: one {@link LogEvent} per event record, with the
 * record rendered as event XML in {@code raw}.
 *
 * <p>The content is read once, front to back: the 4096-byte file header, then one 64 KiB chunk at a time
 * (memory stays at one chunk plus its template and name caches). Chunks are found by their {@code ElfChnk}
 * magic at each 64 KiB step rather than by the header's chunk count, which a file copied while in use does not
 * keep up to date. Damage is read around and reported in notes: checksum mismatches (the data is still read),
 * chunks without their magic (skipped), records that do not parse (skipped; reading goes on at the next record
 * signature of the chunk), names the chunk's string table cannot give.
 */
public final class EvtxParser implements Parser {

    public static final String KIND = "evtx";

    private static final int RECORD_MAGIC = 0x0000_2A2A;
    private static final int RECORD_HEADER = 24;
    /** Record header, the smallest fragment (end-of-fragment token) and the trailing size copy. */
    private static final int MIN_RECORD = RECORD_HEADER + 4 + 1;
    private static final int MAX_LISTED = 8;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        byte[] head = sample.head();
        if (Bytes.startsWith(head, 0, head.length, FileHeader.MAGIC)) {
            return 100;
        }
        // a lone chunk cut out of a log
        return Bytes.startsWith(head, 0, head.length, ChunkHeader.MAGIC) ? 90 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        return new Reader(input.path(), sink).read(input.content());
    }

    /** The state of reading one file. */
    private static final class Reader {
        private final String file;
        private final RecordSink sink;
        private final byte[] chunk = new byte[ChunkHeader.CHUNK_SIZE];
        private final CRC32 crc = new CRC32();
        private final ValueFormatter formatter = new ValueFormatter();
        private final BinXmlReader binxml = new BinXmlReader(formatter);
        private final RecordRenderer renderer = new RecordRenderer(binxml, formatter);

        private long records;
        private int chunkIndex;
        private int chunksRead;
        private final List<String> brokenChunks = new ArrayList<>();
        private final List<String> headerCrcMismatch = new ArrayList<>();
        private final List<String> dataCrcMismatch = new ArrayList<>();
        private final List<String> damage = new ArrayList<>();
        private int damagedRecords;
        private int trailerMismatches;
        private int beyondFreeSpace;

        Reader(String file, RecordSink sink) {
            this.file = file;
            this.sink = sink;
        }

        long read(InputStream in) throws IOException {
            int n = in.readNBytes(chunk, 0, FileHeader.SIZE);
            FileHeader header = null;
            int preloaded = 0;
            if (Bytes.startsWith(chunk, 0, n, FileHeader.MAGIC)) {
                if (n < 128) {
                    sink.note(file, "event log file header cut off after " + n + " bytes; no records");
                    return 0;
                }
                header = FileHeader.parse(chunk);
                if (!header.checksumOk()) {
                    sink.note(file, "file header checksum (CRC32) does not match; the header was read anyway");
                }
                if (n < FileHeader.SIZE) {
                    sink.note(file, "event log ends inside its file header; no records");
                    return 0;
                }
            } else if (Bytes.startsWith(chunk, 0, n, ChunkHeader.MAGIC)) {
                preloaded = n; // no file header: the content starts with a chunk
                sink.note(file, "no event log file header; the content is read as a sequence of chunks");
            } else {
                sink.note(file, "no event log file header (ElfFile magic); not read as an event log");
                return 0;
            }
            long fileOffset = header == null ? 0 : FileHeader.SIZE;
            while (true) {
                int length = preloaded + in.readNBytes(chunk, preloaded, ChunkHeader.CHUNK_SIZE - preloaded);
                preloaded = 0;
                if (length == 0) {
                    break;
                }
                if (length < ChunkHeader.CHUNK_SIZE) {
                    Arrays.fill(chunk, length, ChunkHeader.CHUNK_SIZE, (byte) 0);
                    if (!Bytes.allZero(chunk, 0, length)) {
                        sink.note(file, "the last chunk is cut off after " + length + " of 65536 bytes;"
                                + " records in it were read as far as they go");
                    }
                }
                chunk(length, fileOffset);
                chunkIndex++;
                fileOffset += length;
                if (length < ChunkHeader.CHUNK_SIZE) {
                    break;
                }
            }
            summarize(header);
            return records;
        }

        private void chunk(int length, long fileOffset) {
            if (!Bytes.startsWith(chunk, 0, length, ChunkHeader.MAGIC)) {
                if (!Bytes.allZero(chunk, 0, length)) {
                    brokenChunks.add("#" + chunkIndex + " at offset " + fileOffset);
                }
                return;
            }
            if (length < ChunkHeader.SIZE) {
                return;
            }
            ChunkHeader h = ChunkHeader.parse(chunk, length, crc);
            chunksRead++;
            if (!h.headerChecksumOk()) {
                headerCrcMismatch.add("#" + chunkIndex);
            }
            if (!h.dataChecksumOk()) {
                dataCrcMismatch.add("#" + chunkIndex);
            }
            binxml.startChunk(chunk, length);
            int free = h.freeSpaceOffset();
            int end = free >= ChunkHeader.SIZE && free <= length ? free : length;
            int pos = ChunkHeader.SIZE;
            long lastId = -1;
            while (pos + MIN_RECORD <= end || (pos + MIN_RECORD <= length && followsCleanly(pos, length, lastId))) {
                if (pos >= end) {
                    beyondFreeSpace++;
                    end = length; // the header was not updated after this record was written
                }
                if (Bytes.i32(chunk, pos) != RECORD_MAGIC) {
                    int next = nextRecord(pos + 1, end, length);
                    if (!Bytes.allZero(chunk, pos, next < 0 ? end : next) || next >= 0) {
                        damaged(pos, "no record signature");
                    }
                    if (next < 0) {
                        break;
                    }
                    pos = next;
                    continue;
                }
                long size = Bytes.u32(chunk, pos + 4);
                if (size < MIN_RECORD || pos + size > length) {
                    damaged(pos, "implausible record size " + size);
                    int next = nextRecord(pos + 4, end, length);
                    if (next < 0) {
                        break;
                    }
                    pos = next;
                    continue;
                }
                int recordEnd = pos + (int) size;
                if (Bytes.i32(chunk, recordEnd - 4) != (int) size) {
                    trailerMismatches++;
                }
                long id = Bytes.i64(chunk, pos + 8);
                long written = Bytes.i64(chunk, pos + 16);
                EventFields fields;
                try {
                    fields = renderer.render(binxml.fragment(pos + RECORD_HEADER, recordEnd - 4));
                } catch (RuntimeException e) {
                    damaged(pos, "record " + id + ": " + e.getMessage());
                    int next = nextRecord(pos + 4, end, length);
                    if (next < 0) {
                        break;
                    }
                    pos = next;
                    continue;
                }
                sink.event(event(fields, id, written));
                records++;
                lastId = id;
                pos = recordEnd;
            }
        }

        /** Whether a well-formed record with the next id starts at {@code pos} (past the free-space offset). */
        private boolean followsCleanly(int pos, int length, long lastId) {
            if (lastId < 0 || Bytes.i32(chunk, pos) != RECORD_MAGIC) {
                return false;
            }
            long size = Bytes.u32(chunk, pos + 4);
            return size >= MIN_RECORD && pos + size <= length && Bytes.i32(chunk, pos + (int) size - 4) == (int) size
                    && Bytes.i64(chunk, pos + 8) == lastId + 1;
        }

        /** The next offset from {@code from} where a record with a consistent size starts, or -1. */
        private int nextRecord(int from, int end, int length) {
            byte[] b = chunk;
            for (int p = from; p + MIN_RECORD <= end; p++) {
                if (b[p] == 0x2A && b[p + 1] == 0x2A && b[p + 2] == 0 && b[p + 3] == 0) {
                    long size = Bytes.u32(b, p + 4);
                    if (size >= MIN_RECORD && p + size <= length && Bytes.i32(b, p + (int) size - 4) == (int) size) {
                        return p;
                    }
                }
            }
            return -1;
        }

        private void damaged(int pos, String why) {
            damagedRecords++;
            if (damage.size() < MAX_LISTED) {
                damage.add("chunk #" + chunkIndex + " offset " + pos + " (" + why + ")");
            }
        }

        private LogEvent event(EventFields f, long headerId, long written) {
            Long record = parseLong(f.recordId);
            Instant time = f.time;
            String timeText = f.timeText;
            if (time == null && timeText != null && !timeText.isEmpty()) {
                try {
                    time = Instant.parse(timeText);
                } catch (DateTimeParseException e) {
                    time = null;
                }
            }
            if (time == null && written > 0) {
                time = Instant.ofEpochSecond(ValueFormatter.epochSecond(written), ValueFormatter.nanos(written));
                if (timeText == null || timeText.isEmpty()) {
                    StringBuilder sb = new StringBuilder(30);
                    ValueFormatter.appendFiletime(sb, written);
                    timeText = sb.toString();
                }
            }
            String message = f.message.toString();
            Long eventId = parseLong(f.eventId);
            return LogEvent.builder(file, 0)
                    .record(record != null ? record : Long.valueOf(headerId))
                    .time(time)
                    .timeText(timeText)
                    .level(level(f.level))
                    .component(f.provider)
                    .process(f.processId)
                    .thread(f.threadId)
                    .activityId(f.activityId)
                    .errorCodes(ErrorCodes.extract(message))
                    .message(message)
                    .raw(f.xml)
                    .channel(f.channel)
                    .eventId(eventId != null && eventId <= Integer.MAX_VALUE ? Integer.valueOf(eventId.intValue())
                            : null)
                    .computer(f.computer)
                    .build();
        }

        private void summarize(FileHeader header) {
            if (header != null && header.chunkCount() != chunksRead) {
                sink.note(file, "the file header lists " + header.chunkCount() + " chunks; " + chunksRead
                        + " were found by scanning" + (header.dirty() ? " (the header is marked dirty)" : ""));
            }
            if (!brokenChunks.isEmpty()) {
                sink.note(file, brokenChunks.size() + " block(s) of 64 KiB that are not chunks (no ElfChnk magic: damage"
                        + " or leftover data) skipped: "
                        + list(brokenChunks));
            }
            if (!headerCrcMismatch.isEmpty()) {
                sink.note(file, "chunk header checksum (CRC32) mismatch in " + headerCrcMismatch.size()
                        + " chunk(s) (" + list(headerCrcMismatch) + "); their records were read anyway");
            }
            if (!dataCrcMismatch.isEmpty()) {
                sink.note(file, "event records checksum (CRC32) mismatch in " + dataCrcMismatch.size()
                        + " chunk(s) (" + list(dataCrcMismatch) + "); records that parse were kept");
            }
            if (damagedRecords > 0) {
                sink.note(file, damagedRecords + " damaged record(s) or gap(s) skipped: " + list(damage)
                        + (damagedRecords > damage.size() ? ", ..." : ""));
            }
            if (trailerMismatches > 0) {
                sink.note(file, trailerMismatches + " record(s) whose trailing size copy does not match; read anyway");
            }
            if (beyondFreeSpace > 0) {
                sink.note(file, beyondFreeSpace + " chunk(s) had records past the free-space offset of their"
                        + " header (not yet flushed); they were read");
            }
            if (binxml.damagedNames > 0) {
                sink.note(file, binxml.damagedNames + " element or attribute name(s) could not be read at their"
                        + " offset (damaged string table); read inline or written as " + BinXmlReader.UNKNOWN_NAME);
            }
        }

        private static String list(List<String> items) {
            return items.size() <= MAX_LISTED ? String.join(", ", items)
                    : String.join(", ", items.subList(0, MAX_LISTED)) + ", ...";
        }
    }

    /** Decimal digits (surrounding blanks allowed) as a number, else {@code null}. */
    static Long parseLong(String s) {
        if (s == null) {
            return null;
        }
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        if (from == to || to - from > 18) {
            return null;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Level word of {@code System/Level}: 1 Critical, 2 Error, 3 Warning, 0 and 4 Information, 5 Verbose. */
    static String level(String level) {
        if (level == null || level.isEmpty()) {
            return null;
        }
        return switch (level.strip()) {
            case "0", "4" -> "Information";
            case "1" -> "Critical";
            case "2" -> "Error";
            case "3" -> "Warning";
            case "5" -> "Verbose";
            default -> level;
        };
    }
}
