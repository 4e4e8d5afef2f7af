package dev.bundleanalyzer.serve;

import java.nio.file.Path;

/** Turns one queued bundle into its entry of the report store, a report or a recorded failure. */
@FunctionalInterface
interface Analyst {

    /** Returns once the store holds the outcome; throws only when none could be recorded. */
    void analyze(QueuedJob job, Path bundle) throws Exception;
}
