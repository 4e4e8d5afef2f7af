package dev.bundleanalyzer.parse;

/**
 * A sink's answer to "which events of this file do you need in full?" (see {@link RecordSink#skim}): most trace
 * lines of a large log only count towards the timeline, and building an event for each costs more than reading
 * the line. Used by one parser thread, for one file.
 */
@FunctionalInterface
public interface Skim {

    /**
     * Whether an event must be passed on in full with {@link RecordSink#event}; when false,
     * {@link RecordSink#skimmed} is all the sink needs of it.
     *
     * @param text        the event's raw text, ASCII: {@code text[from, to)}
     * @param messageFrom where its message starts: the rest of the raw text holds its other columns
     * @param level       its level (parsers hand on the same string while it repeats)
     */
    boolean wants(byte[] text, int from, int messageFrom, int to, String level);
}
