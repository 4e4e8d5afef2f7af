package dev.bundleanalyzer.serve;

import java.time.Instant;

/**
 * An upload waiting for its analysis, or being analyzed, as kept in {@code job.json} of its queue folder.
 *
 * @param id       the SHA-256 of the bundle
 * @param name     the file name the engineer uploaded, for people
 * @param file     the bundle's file name in its queue folder (the name made safe)
 * @param size     its size in bytes
 * @param received when the upload completed
 * @param reason   why it failed, for {@link State#FAILED}; else null
 */
record QueuedJob(String id, String name, String file, long size, Instant received, State state, String reason) {

    enum State {
        QUEUED, RUNNING,
        /** could not even be handed to the analysis (its file vanished); an analysis that fails is in the store */
        FAILED
    }

    QueuedJob with(State newState, String newReason) {
        return new QueuedJob(id, name, file, size, received, newState, newReason);
    }
}
