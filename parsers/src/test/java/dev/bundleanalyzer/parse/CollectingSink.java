package dev.bundleanalyzer.parse;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a parser hands over, for tests to look at. */
public final class CollectingSink implements RecordSink {

    public final List<LogEvent> events = new ArrayList<>();
    public final List<Fact> facts = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();

    @Override
    public void event(LogEvent event) {
        events.add(event);
    }

    @Override
    public void fact(Fact fact) {
        facts.add(fact);
    }

    @Override
    public void note(String file, String message) {
        notes.add(file + ": " + message);
    }

    /** The value of the only fact with this key; fails when there is none or more than one. */
    public Fact fact(String key) {
        List<Fact> found = facts.stream().filter(f -> f.key().equals(key)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one fact " + key + ", found " + found + " among " + facts);
        }
        return found.get(0);
    }
}
