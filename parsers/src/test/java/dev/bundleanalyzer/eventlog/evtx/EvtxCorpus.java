package dev.bundleanalyzer.eventlog.evtx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bundleanalyzer.parse.CollectingSink;
import dev.bundleanalyzer.parse.ParseInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared corpus of real .evtx files (see its REFERENCE.md), and a way to read one. */
final class EvtxCorpus {

    private EvtxCorpus() {
    }

    /** The corpus folder; tests that need it are skipped when it is not there. */
    static Path dir() {
        Path dir = Path.of("..", "..", "shared", "corpus", "evtx");
        assumeTrue(Files.isDirectory(dir), "corpus not found at " + dir.toAbsolutePath().normalize());
        return dir;
    }

    static Path file(String name) {
        Path p = dir().resolve(name);
        assumeTrue(Files.isRegularFile(p), "corpus file missing: " + p);
        return p;
    }

    static CollectingSink parse(String name) throws IOException {
        return parse(file(name), name);
    }

    static CollectingSink parse(Path file, String entryName) throws IOException {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = Files.newInputStream(file)) {
            long n = new EvtxParser().parse(new ParseInput(entryName, null, null, in), sink);
            if (n != sink.events.size()) {
                throw new AssertionError("parse returned " + n + " but produced " + sink.events.size());
            }
        }
        return sink;
    }
}
