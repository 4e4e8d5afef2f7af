package dev.bundleanalyzer.cluster;

import java.io.Serializable;

/**
 * A bundle found at the input location, as the driver lists it and a task receives it: an archive, or a folder
 * that holds an extracted bundle.
 *
 * @param uri      its full Hadoop file system URI
 * @param size     bytes (of a folder: of all its files)
 * @param modified modification time, epoch milliseconds (of a folder: its newest file's)
 * @param folder   whether it is a folder
 */
public record SourceFile(String uri, long size, long modified, boolean folder) implements Serializable {

    /** The file name: the last part of the URI. */
    public String name() {
        String path = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** What identifies a bundle file without reading it: where it is, its size and its time. */
    public String key() {
        return key(uri, size, modified);
    }

    static String key(String uri, long size, long modified) {
        return uri + '\u0000' + size + '\u0000' + modified;
    }
}
