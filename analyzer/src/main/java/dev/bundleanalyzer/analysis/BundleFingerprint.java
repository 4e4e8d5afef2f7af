package dev.bundleanalyzer.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Size and SHA-256 of a bundle: of the file, or for a folder, of its files' relative paths and contents in
 * sorted order, so the same folder always gets the same identity.
 */
public record BundleFingerprint(long size, String sha256) {

    public static BundleFingerprint of(Path bundle) throws IOException {
        MessageDigest digest = newDigest();
        long size = 0;
        if (Files.isDirectory(bundle)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(bundle)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                digest.update(bundle.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                size += update(digest, file);
            }
        } else {
            size = update(digest, bundle);
        }
        return new BundleFingerprint(size, HexFormat.of().formatHex(digest.digest()));
    }

    private static long update(MessageDigest digest, Path file) throws IOException {
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return size;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 is not available", e));
        }
    }
}
