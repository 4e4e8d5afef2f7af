package dev.bundleanalyzer.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The batch output folder: one report folder per bundle content (SHA-256), each with a {@code batch.json} that
 * says what became of it. A report folder is written aside under a name starting with a dot and renamed into
 * place only when complete, so a folder without the dot is always whole; whatever a killed run left aside is
 * removed by the next one, which then does that bundle again.
 */
public final class ReportStore {

    static final String RECORD = "batch.json";
    private static final String WORK_PREFIX = ".work-";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    // read by the web front's requests while its jobs commit
    private final Map<String, Path> bySha = new ConcurrentHashMap<>();

    private ReportStore(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating) the folder, removes unfinished work a killed run left, and indexes what is complete. */
    public static ReportStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        ReportStore store = new ReportStore(dir);
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(WORK_PREFIX)) {
                    deleteTree(child);
                } else if (Files.isRegularFile(child.resolve(RECORD))) {
                    try {
                        store.bySha.put(read(child).sha256(), child);
                    } catch (IOException e) {
                        // an unreadable record is not a complete report: the bundle will be done again
                    }
                }
            }
        }
        return store;
    }

    public Path dir() {
        return dir;
    }

    public Optional<StoredBundle> find(String sha256) {
        Path folder = bySha.get(sha256);
        if (folder == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(folder));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<Path> folderOf(String sha256) {
        return Optional.ofNullable(bySha.get(sha256));
    }

    /** Every bundle recorded, in folder-name order. */
    public List<Stored> all() throws IOException {
        List<Stored> out = new ArrayList<>();
        List<Path> folders = new ArrayList<>(bySha.values());
        folders.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path folder : folders) {
            out.add(new Stored(folder, read(folder)));
        }
        return out;
    }

    /** A recorded bundle and its report folder. */
    public record Stored(Path folder, StoredBundle bundle) {
    }

    /** A fresh folder to write a report into, aside from the complete ones. */
    Path newWork() throws IOException {
        return Files.createDirectory(dir.resolve(WORK_PREFIX + UUID.randomUUID()));
    }

    /**
     * Writes the record into {@code work} and renames it into place as {@code name}; a report already there for
     * the same content (a forced run) is replaced.
     */
    synchronized Path commit(Path work, String name, StoredBundle record) throws IOException {
        writeRecord(work, record);
        Path target = dir.resolve(name);
        Path old = bySha.get(record.sha256());
        if (old == null && Files.exists(target)) {
            old = target;
        }
        Path retired = null;
        if (old != null && Files.exists(old)) {
            retired = dir.resolve(WORK_PREFIX + "old-" + UUID.randomUUID());
            move(old, retired);
        }
        move(work, target);
        bySha.put(record.sha256(), target);
        if (retired != null) {
            deleteTree(retired);
        }
        return target;
    }

    /** Writes what became of a bundle into its report folder, as every store keeps it. */
    public static void writeRecord(Path folder, StoredBundle record) throws IOException {
        JSON.writeValue(folder.resolve(RECORD).toFile(), record);
    }

    static StoredBundle read(Path folder) throws IOException {
        return JSON.readValue(folder.resolve(RECORD).toFile(), StoredBundle.class);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Removes a folder and all in it, as far as it can: what is left is retried by whoever cleans next. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // left for the next run (or the server's next start), which removes work folders first
        }
    }
}
