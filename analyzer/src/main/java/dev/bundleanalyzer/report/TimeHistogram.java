package dev.bundleanalyzer.report;

import java.util.HashMap;
import java.util.Map;

/**
 * Events per level and hour, counted as the bundle is read, before its time range is known: the
 * {@link Timeline} puts the hours into its bars afterwards. Every bar length is a whole number of hours from
 * the same origin, so no hour straddles two bars and the bars are exact. A bundle whose times spread over more
 * than {@link #MAX_SLOTS} distinct hours (a damaged log with dates across centuries) is counted in days, then
 * in 365-day years, then in tens of them: the bar lengths such a range gets are whole numbers of those too.
 *
 * <p>Not thread-safe: one per parser thread, {@link #add merged} at the end.
 */
public final class TimeHistogram {

    /** Distinct slots kept before the slots grow coarser. */
    static final int MAX_SLOTS = 100_000;

    private static final long HOUR = 3_600_000L;
    private static final long ORIGIN = Timeline.ORIGIN.toEpochMilli();
    private static final int LEVELS = Timeline.Level.values().length;

    private long slotMillis = HOUR;
    private Map<Long, long[]> slots = new HashMap<>();
    private long lastSlot = Long.MIN_VALUE;
    private long[] lastCounts;
    private long timed;
    /** Level words met last, by identity (parsers hand on the same string for the same word), and their ordinals. */
    private final String[] levels = new String[4];
    private final int[] levelOrdinals = new int[4];
    private int nextLevel;

    /** Counts one event. */
    public void count(long epochMillis, String level) {
        long slot = Math.floorDiv(epochMillis - ORIGIN, slotMillis);
        if (slot != lastSlot) {
            // events of a log come in time order: most share the slot of the one before
            while (slots.size() >= MAX_SLOTS && !slots.containsKey(slot)) {
                coarsen(next(slotMillis));
                slot = Math.floorDiv(epochMillis - ORIGIN, slotMillis);
            }
            lastCounts = slots.computeIfAbsent(slot, k -> new long[LEVELS]);
            lastSlot = slot;
        }
        lastCounts[ordinal(level)]++;
        timed++;
    }

    private int ordinal(String level) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == level && level != null) {
                return levelOrdinals[i];
            }
        }
        int i = nextLevel;
        nextLevel = (nextLevel + 1) % levels.length;
        levels[i] = level;
        levelOrdinals[i] = Timeline.Level.of(level).ordinal();
        return levelOrdinals[i];
    }

    /** Adds the counts of another histogram to this one. */
    public void add(TimeHistogram other) {
        long size = Math.max(slotMillis, other.slotMillis);
        coarsen(size);
        other.coarsen(size);
        other.slots.forEach((slot, counts) -> {
            long[] mine = slots.computeIfAbsent(slot, k -> new long[LEVELS]);
            for (int i = 0; i < LEVELS; i++) {
                mine[i] += counts[i];
            }
        });
        timed += other.timed;
        lastSlot = Long.MIN_VALUE;
        while (slots.size() > MAX_SLOTS) {
            coarsen(next(slotMillis));
        }
    }

    /** Events counted. */
    public long timed() {
        return timed;
    }

    /** Hands each slot's start and its counts per {@link Timeline.Level} ordinal to the visitor. */
    void forEach(java.util.function.BiConsumer<Long, long[]> visitor) {
        slots.forEach((slot, counts) -> visitor.accept(ORIGIN + slot * slotMillis, counts));
    }

    /** Length of a slot. */
    long slotMillis() {
        return slotMillis;
    }

    private static long next(long size) {
        return size == HOUR ? 24 * HOUR : size == 24 * HOUR ? 365 * 24 * HOUR : size * 10;
    }

    private void coarsen(long size) {
        while (slotMillis < size) {
            long coarser = next(slotMillis);
            long factor = coarser / slotMillis;
            Map<Long, long[]> merged = new HashMap<>();
            slots.forEach((slot, counts) -> {
                long[] target = merged.computeIfAbsent(Math.floorDiv(slot, factor), k -> new long[LEVELS]);
                for (int i = 0; i < LEVELS; i++) {
                    target[i] += counts[i];
                }
            });
            slots = merged;
            slotMillis = coarser;
            lastSlot = Long.MIN_VALUE;
        }
    }
}
