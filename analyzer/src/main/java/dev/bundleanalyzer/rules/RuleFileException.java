package dev.bundleanalyzer.rules;

/** A rule file that cannot be used; the message names the file, the line and the problem. */
public class RuleFileException extends Exception {

    public RuleFileException(String message) {
        super(message);
    }

    public RuleFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
