package dev.bundleanalyzer.batch;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A bundle found on the share: an archive file, or a folder that holds an extracted bundle.
 *
 * @param size     bytes of the file, or of all files of the folder
 * @param modified modification time of the file, or the newest of the folder's files
 */
record Candidate(Path path, boolean folder, long size, Instant modified) {
}
