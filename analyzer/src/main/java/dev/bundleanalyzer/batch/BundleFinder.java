package dev.bundleanalyzer.batch;

import dev.bundleanalyzer.bundle.BundleReader;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Finds the bundles under a folder: archive files (by their first bytes, whatever their names) and folders that
 * look like an extracted bundle (an agent trace log or an event log within a few levels). A folder bundle is
 * one bundle; nothing inside it is a bundle of its own. Bundles still being copied are left for a later run.
 */
final class BundleFinder {

    /** What was found: bundles to look at, and what was left alone with why. */
    record Found(List<Candidate> bundles, List<Left> left) {
    }

    /** A path left alone this run, with the reason. */
    record Left(Path path, String reason) {
    }

    private final Path exclude;
    private final Duration settle;

    /**
     * @param exclude a folder not to look into (the batch output when it lies under the share), or null
     * @param settle  how long a bundle must keep its size and time to count as complete; zero to not wait
     */
    BundleFinder(Path exclude, Duration settle) {
        this.exclude = exclude == null ? null : exclude.toAbsolutePath().normalize();
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    Found find(Path root) throws IOException {
        List<Candidate> first = new ArrayList<>();
        List<Left> left = new ArrayList<>();
        Path top = root.toAbsolutePath().normalize();
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (exclude != null && dir.startsWith(exclude)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!dir.equals(top) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!dir.equals(top) && looksLikeBundle(dir)) {
                    first.add(folder(dir));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String name = file.getFileName().toString();
                if (name.startsWith(".")) {
                    return FileVisitResult.CONTINUE;
                }
                var copying = BundleNames.inProgressSuffix(name);
                if (copying.isPresent()) {
                    left.add(new Left(file, "still being copied (" + copying.get() + " name): left for the next run"));
                    return FileVisitResult.CONTINUE;
                }
                // named like an archive but not one: analyzed all the same, so that its failure is recorded, not ignored
                if (BundleReader.isArchive(file) || BundleNames.isArchiveName(name)) {
                    first.add(new Candidate(file, false, attrs.size(), attrs.lastModifiedTime().toInstant()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                left.add(new Left(file, "cannot be read: " + e.getMessage()));
                return FileVisitResult.CONTINUE;
            }
        });
        first.sort(Comparator.comparing(c -> c.path().toString()));
        return new Found(settled(first, left), left);
    }

    /** Those whose size and time did not change while we waited; the others are still being written. */
    private List<Candidate> settled(List<Candidate> first, List<Left> left) throws IOException {
        if (settle.isZero() || first.isEmpty()) {
            return first;
        }
        try {
            Thread.sleep(settle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for bundles to settle", e);
        }
        List<Candidate> stable = new ArrayList<>();
        for (Candidate c : first) {
            Candidate again;
            try {
                again = c.folder() ? folder(c.path()) : file(c.path());
            } catch (IOException e) {
                left.add(new Left(c.path(), "disappeared while it was looked at: left for the next run"));
                continue;
            }
            if (again.size() != c.size() || !again.modified().equals(c.modified())) {
                left.add(new Left(c.path(), "still being copied (its size or time changed): left for the next run"));
            } else {
                stable.add(c);
            }
        }
        return stable;
    }

    private static Candidate file(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new Candidate(file, false, a.size(), a.lastModifiedTime().toInstant());
    }

    private static Candidate folder(Path dir) throws IOException {
        long size = 0;
        Instant newest = Instant.EPOCH;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile()) {
                    size += a.size();
                    Instant m = a.lastModifiedTime().toInstant();
                    newest = m.isAfter(newest) ? m : newest;
                }
            }
        }
        return new Candidate(dir, true, size, newest);
    }

    /** An agent trace log or an event log near the top: what a collected MARS bundle always has. */
    static boolean looksLikeBundle(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, BundleNames.FOLDER_BUNDLE_DEPTH)) {
            return walk.anyMatch(p -> BundleNames.isBundleLog(p.getFileName().toString()) && Files.isRegularFile(p));
        }
    }
}
