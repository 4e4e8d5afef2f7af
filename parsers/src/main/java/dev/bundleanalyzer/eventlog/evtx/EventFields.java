package dev.bundleanalyzer.eventlog.evtx;

import java.time.Instant;

/** The fields of one rendered record, as written; reused from record to record. */
final class EventFields {

    String provider;
    String eventId;
    String level;
    String timeText;
    Instant time;
    String recordId;
    String activityId;
    String processId;
    String threadId;
    String channel;
    String computer;
    final StringBuilder message = new StringBuilder(256);
    String xml;

    void clear() {
        provider = null;
        eventId = null;
        level = null;
        timeText = null;
        time = null;
        recordId = null;
        activityId = null;
        processId = null;
        threadId = null;
        channel = null;
        computer = null;
        message.setLength(0);
        xml = null;
    }
}
