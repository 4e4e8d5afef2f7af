package dev.bundleanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events handed to other threads all arrive, and a failure there fails the analysis rather than vanish. */
class HandOffTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void everyEventOfEveryEntryArrivesOnceBeforeDrainReturns() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        HandOff handOff = new HandOff(sink(e -> {
            if (!seen.add(e.file() + ":" + e.line())) {
                duplicates.incrementAndGet();
            }
        }), pool, 2, 2);
        ExecutorService parsers = Executors.newFixedThreadPool(3);
        java.util.List<java.util.concurrent.Future<Object>> entries = new java.util.ArrayList<>();
        try {
            for (int entry = 0; entry < 3; entry++) {
                String file = "f" + entry;
                entries.add(parsers.submit(() -> {
                    try (HandOff.Batches batches = handOff.open()) {
                        for (int line = 1; line <= 5 * HandOff.BATCH + 7; line++) {
                            batches.event(LogEvent.builder(file, line).message("m").build());
                        }
                    }
                    return null;
                }));
            }
            for (var e : entries) {
                e.get();
            }
        } finally {
            parsers.shutdown();
        }
        handOff.drain();
        assertEquals(3 * (5 * HandOff.BATCH + 7), seen.size());
        assertEquals(0, duplicates.get());
    }

    @Test
    void aFailureDownstreamIsReportedByDrain() {
        HandOff handOff = new HandOff(sink(e -> {
            throw new UncheckedIOException(new IOException("no space left on device"));
        }), pool, 2, 2);
        try (HandOff.Batches batches = handOff.open()) {
            batches.event(LogEvent.builder("f", 1).message("m").build());
        }
        IOException e = assertThrows(IOException.class, handOff::drain);
        assertTrue(e.getMessage().contains("no space left"), e.getMessage());
    }

    @Test
    void withoutAPoolEventsPassOnAtOnce() {
        AtomicInteger count = new AtomicInteger();
        HandOff handOff = new HandOff(sink(e -> count.incrementAndGet()), null, 2, 2);
        HandOff.Batches batches = handOff.open();
        batches.event(LogEvent.builder("f", 1).message("m").build());
        assertEquals(1, count.get(), "before the batch is closed");
    }

    @Test
    void aParserPassesItsEventsOnItselfWhileEveryCoreHasOneAndHandsThemOnOtherwise() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ExecutorService records = Executors.newSingleThreadExecutor(r -> new Thread(r, "records"));
        HandOff handOff = new HandOff(sink(e -> threads.add(e.file() + "@" + Thread.currentThread().getName())),
                records, 2, 2);
        HandOff.Batches first = handOff.open();
        HandOff.Batches second = handOff.open();
        for (int line = 1; line <= HandOff.BATCH; line++) {
            first.event(LogEvent.builder("a", line).message("m").build());
        }
        second.close(); // one parser left on two cores: its batches go to the other threads
        for (int line = 1; line <= HandOff.BATCH; line++) {
            first.event(LogEvent.builder("b", line).message("m").build());
        }
        first.close();
        handOff.drain();
        records.shutdown();
        assertEquals(Set.of("a@" + Thread.currentThread().getName(), "b@records"), threads);
    }

    private static RecordSink sink(java.util.function.Consumer<LogEvent> events) {
        return new RecordSink() {
            @Override
            public void event(LogEvent e) {
                events.accept(e);
            }

            @Override
            public void fact(Fact f) {
            }

            @Override
            public void note(String file, String message) {
            }

            @Override
            public void timeNote(String file, String message) {
            }
        };
    }
}
