package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.Note;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.report.TimeHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the report needs of all records, kept as they pass, with or without an index: the facts and notes,
 * how many events and over what time, and the events per hour for the timeline. Thread-safe.
 */
final class RecordTally implements RecordSink {

    private final ConcurrentLinkedQueue<Fact> facts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Note> notes = new ConcurrentLinkedQueue<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong minTime = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);
    /** One histogram per parser thread, merged at the end: no lock on the path of every event. */
    private final ConcurrentLinkedQueue<TimeHistogram> histograms = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<TimeHistogram> histogram = ThreadLocal.withInitial(() -> {
        TimeHistogram h = new TimeHistogram();
        histograms.add(h);
        return h;
    });

    @Override
    public void event(LogEvent e) {
        skimmed(e.time() == null ? Long.MIN_VALUE : e.time().toEpochMilli(), e.level());
    }

    @Override
    public void skimmed(long millis, String level) {
        events.incrementAndGet();
        if (millis != Long.MIN_VALUE) {
            if (millis < minTime.get()) {
                minTime.accumulateAndGet(millis, Math::min);
            }
            if (millis > maxTime.get()) {
                maxTime.accumulateAndGet(millis, Math::max);
            }
            histogram.get().count(millis, level);
        }
    }

    @Override
    public void fact(Fact f) {
        facts.add(f);
    }

    @Override
    public void note(String file, String message) {
        notes.add(new Note(file, message, false));
    }

    @Override
    public void timeNote(String file, String message) {
        notes.add(new Note(file, message, true));
    }

    List<Fact> facts() {
        return new ArrayList<>(facts);
    }

    /**
     * The notes by file (the bundle's own first), each file's in the order they were made: entries parsed at once
     * must not change the report from one run to the next.
     */
    List<Note> notes() {
        List<Note> sorted = new ArrayList<>(notes);
        sorted.sort(java.util.Comparator.comparing(Note::file));
        return sorted;
    }

    long events() {
        return events.get();
    }

    /** Earliest event time in epoch millis, or {@code null} when no event had a time. */
    Long minTime() {
        long v = minTime.get();
        return v == Long.MAX_VALUE ? null : v;
    }

    Long maxTime() {
        long v = maxTime.get();
        return v == Long.MIN_VALUE ? null : v;
    }

    /** The events per hour of all threads; call once reading is over. */
    TimeHistogram histogram() {
        TimeHistogram all = new TimeHistogram();
        histograms.forEach(all::add);
        return all;
    }
}
