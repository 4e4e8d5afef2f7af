package dev.bundleanalyzer.parse;

import java.time.Instant;
import java.util.List;

/**
 * One record of a log: a trace line of an agent log, or one event of a Windows event log.
 *
 * @param file       entry path inside the bundle, nested archives as {@code outer.zip!/inner/path}
 * @param line       1-based line number where the record starts, or 0 when the source has no lines
 * @param record     event-log record number, or {@code null} for line-based sources
 * @param time       normalised time, or {@code null} when the record carries none that could be read
 * @param timeText   the time as written in the source
 * @param timeAssumed true when part of the time (year, zone) was not in the source and had to be assumed
 * @param level      level word as written (open set: NORMAL, WARNING, FATAL, CRITICAL, Error, ...)
 * @param component  the writing component (errlog: from the file name, e.g. CBEngine; event log: provider)
 * @param activityId activity / correlation GUID, or {@code null}
 * @param errorCodes error IDs and HRESULTs found in the record, normalised by {@link ErrorCodes}
 * @param message    the free text of the record
 * @param raw        the record exactly as it appears in the source (evidence text)
 * @param channel    event-log channel, or {@code null}
 * @param eventId    event-log event ID, or {@code null}
 * @param computer   the machine that wrote the record (event logs), or {@code null}
 */
public record LogEvent(
        String file,
        long line,
        Long record,
        Instant time,
        String timeText,
        boolean timeAssumed,
        String level,
        String component,
        String process,
        String thread,
        String source,
        String activityId,
        List<String> errorCodes,
        String message,
        String raw,
        String channel,
        Integer eventId,
        String computer) {

    public LogEvent {
        errorCodes = errorCodes == null ? List.of() : List.copyOf(errorCodes);
    }

    public static Builder builder(String file, long line) {
        return new Builder(file, line);
    }

    /** Builder for the many optional fields; parsers reuse none of its state across records. */
    public static final class Builder {
        private final String file;
        private final long line;
        private Long record;
        private Instant time;
        private String timeText;
        private boolean timeAssumed;
        private String level;
        private String component;
        private String process;
        private String thread;
        private String source;
        private String activityId;
        private List<String> errorCodes = List.of();
        private String message;
        private String raw;
        private String channel;
        private Integer eventId;
        private String computer;

        private Builder(String file, long line) {
            this.file = file;
            this.line = line;
        }

        public Builder record(Long v) { record = v; return this; }
        public Builder time(Instant v) { time = v; return this; }
        public Builder timeText(String v) { timeText = v; return this; }
        public Builder timeAssumed(boolean v) { timeAssumed = v; return this; }
        public Builder level(String v) { level = v; return this; }
        public Builder component(String v) { component = v; return this; }
        public Builder process(String v) { process = v; return this; }
        public Builder thread(String v) { thread = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder activityId(String v) { activityId = v; return this; }
        public Builder errorCodes(List<String> v) { errorCodes = v; return this; }
        public Builder message(String v) { message = v; return this; }
        public Builder raw(String v) { raw = v; return this; }
        public Builder channel(String v) { channel = v; return this; }
        public Builder eventId(Integer v) { eventId = v; return this; }
        public Builder computer(String v) { computer = v; return this; }

        public LogEvent build() {
            return new LogEvent(file, line, record, time, timeText, timeAssumed, level, component, process, thread,
                    source, activityId, errorCodes, message, raw, channel, eventId, computer);
        }
    }
}
