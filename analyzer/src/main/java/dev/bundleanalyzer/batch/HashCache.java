package dev.bundleanalyzer.batch;

import dev.bundleanalyzer.analysis.BundleFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of each bundle, remembered by path, size and time, so that a run over a share of gigabytes does not
 * read every bundle again only to learn it was analyzed before. A bundle whose size or time changed is hashed
 * anew. Kept in {@code .hashes.tsv} of the output folder; losing it only costs time.
 */
final class HashCache {

    private static final String FILE = ".hashes.tsv";

    private final Path file;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    private HashCache(Path file) {
        this.file = file;
    }

    static HashCache open(Path out) {
        HashCache cache = new HashCache(out.resolve(FILE));
        try {
            for (String line : Files.readAllLines(cache.file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab == 64) {
                    cache.known.put(line.substring(tab + 1), line.substring(0, tab));
                }
            }
        } catch (IOException e) {
            // no cache yet, or unreadable: every bundle is hashed
        }
        return cache;
    }

    String sha256(Candidate c) throws IOException {
        String key = key(c);
        String sha = known.get(key);
        if (sha == null) {
            sha = BundleFingerprint.of(c.path()).sha256();
            known.put(key, sha);
        }
        return sha;
    }

    void save() {
        List<String> lines = new ArrayList<>();
        known.forEach((key, sha) -> lines.add(sha + "\t" + key));
        lines.sort(null);
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the next run hashes again
        }
    }

    private static String key(Candidate c) {
        return c.size() + "\t" + c.modified().toEpochMilli() + "\t" + c.path().toAbsolutePath().normalize();
    }
}
