package dev.bundleanalyzer.search;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Finds the report folders to search: the folder given, or every one below it. */
public final class ReportFolders {

    private ReportFolders() {
    }

    /**
     * The folder itself when it holds an index, else every folder below it, at any depth, that does, sorted by
     * path. Folders whose name starts with a dot are passed over with all they hold: a batch run keeps its
     * unfinished work there. Links are not followed.
     *
     * @param warnings receives one line for each folder that could not be read
     */
    public static List<ReportFolder> find(Path root, Consumer<String> warnings) throws IOException {
        if (ReportFolder.isReport(root)) {
            return List.of(describe(root, warnings));
        }
        if (ReportFolder.isUnindexedReport(root)) {
            warnings.accept(unindexed(root));
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (ReportFolder.isReport(dir)) {
                    found.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (ReportFolder.isUnindexedReport(dir)) {
                    warnings.accept(unindexed(dir));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (file.equals(root)) {
                    return FileVisitResult.TERMINATE;
                }
                warnings.accept("cannot read " + file + ": " + e.getMessage() + "; not searched");
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(Path::toString));
        List<ReportFolder> folders = new ArrayList<>(found.size());
        for (Path dir : found) {
            folders.add(describe(dir, warnings));
        }
        return folders;
    }

    private static String unindexed(Path dir) {
        return dir + " was analyzed without its index (--no-index): not searched";
    }

    private static ReportFolder describe(Path dir, Consumer<String> warnings) {
        try {
            return ReportFolder.read(dir);
        } catch (IOException | RuntimeException e) {
            warnings.accept("cannot read " + dir.resolve(ReportFolder.FINDINGS) + " (" + e.getMessage()
                    + "); its bundle and host are not known");
            return ReportFolder.unnamed(dir);
        }
    }
}
