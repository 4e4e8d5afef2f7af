package dev.bundleanalyzer.bundle;

/**
 * What became of one entry of a bundle: every entry ends up in the inventory exactly once.
 *
 * @param path    entry path (see {@link BundleEntry#path()})
 * @param kind    detected kind ({@code errlog}, {@code archive}, {@code unknown}, ...)
 * @param charset charset name for text, or {@code null}
 * @param bytes   uncompressed bytes read, or -1 when unknown
 * @param records records produced
 * @param status  parsed, skipped or failed
 * @param reason  why, whenever the status is not {@code parsed} (may also explain a partial parse)
 */
public record InventoryItem(String path, String kind, String charset, long bytes, long records,
                            Status status, String reason) {

    public enum Status {
        PARSED, SKIPPED, FAILED;

        /** Lower-case form used in findings.json and the report. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static InventoryItem skipped(String path, String kind, long bytes, String reason) {
        return new InventoryItem(path, kind, null, bytes, 0, Status.SKIPPED, reason);
    }

    public static InventoryItem failed(String path, String kind, long bytes, String reason) {
        return new InventoryItem(path, kind, null, bytes, 0, Status.FAILED, reason);
    }
}
