package dev.bundleanalyzer.parse;

/** ASCII hex digits, as logs, registry dumps and error codes write them (no other script's digits). */
public final class Hex {

    private Hex() {
    }

    /** The value of an ASCII hex digit, or -1. */
    public static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
