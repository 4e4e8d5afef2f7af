package dev.bundleanalyzer.eventlog;

import com.univocity.parsers.common.ParsingContext;
import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a CSV file, one at a time, each with the line it starts on and its text as in the file. Quoted fields
 * may hold the delimiter, doubled quotes and line breaks (a line break inside quotes becomes {@code \n}). Rows
 * whose fields are all blank are skipped. Not thread-safe.
 */
final class CsvRows implements AutoCloseable {

    /** Longest field read; a longer one (a quote that is never closed) ends the reading of the file. */
    static final int MAX_FIELD_CHARS = 8 << 20;

    /**
     * One row.
     *
     * @param fields the values, {@code ""} for empty ones
     * @param line   1-based line where the row starts
     * @param raw    the row as in the file, line ends written as LF, without its final line end
     */
    record Row(String[] fields, long line, String raw) {

        /** The field at {@code i}, or {@code null} when the row is shorter. */
        String field(int i) {
            return i < fields.length ? fields[i] : null;
        }
    }

    private final CsvParser parser;
    private final char delimiter;
    private boolean done;

    CsvRows(Reader reader, char delimiter) {
        this.delimiter = delimiter;
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(delimiter);
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.getFormat().setComment('\0');
        settings.getFormat().setLineSeparator("\r\n");
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setSkipEmptyLines(true);
        settings.setMaxCharsPerColumn(MAX_FIELD_CHARS);
        settings.setMaxColumns(1024);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setReadInputOnSeparateThread(false);
        settings.setErrorContentLength(200);
        parser = new CsvParser(settings);
        parser.beginParsing(reader);
    }

    /** The rows of a text held in memory (a detection sample). */
    static List<Row> of(String text, char delimiter, int maxRows) {
        List<Row> rows = new ArrayList<>();
        try (CsvRows r = new CsvRows(new StringReader(text), delimiter)) {
            Row row;
            while (rows.size() < maxRows && (row = r.next()) != null) {
                rows.add(row);
            }
        } catch (IOException | TextParsingException e) {
            // a sample that stops being CSV is judged on the rows before
        }
        return rows;
    }

    /**
     * The next row, or {@code null} at the end.
     *
     * @throws IOException          when the content cannot be read
     * @throws TextParsingException when the text stops being CSV (a field longer than {@link #MAX_FIELD_CHARS})
     */
    Row next() throws IOException {
        while (!done) {
            String[] fields;
            try {
                fields = parser.parseNext();
            } catch (TextParsingException e) {
                done = true;
                for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                    if (t instanceof IOException io) {
                        throw io;
                    }
                }
                throw e;
            }
            if (fields == null) {
                done = true;
                return null;
            }
            if (allBlank(fields)) {
                continue;
            }
            for (int i = 0; i < fields.length; i++) {
                if (fields[i] == null) {
                    fields[i] = "";
                }
            }
            ParsingContext context = parser.getContext();
            String content = context.currentParsedContent();
            String raw;
            if (content == null || content.isEmpty()) {
                raw = String.join(String.valueOf(delimiter), fields);
                if (raw.endsWith("\n")) {
                    raw = raw.substring(0, raw.length() - 1);
                }
            } else {
                raw = EventLogs.unixLines(content, true);
            }
            long breaks = 0;
            for (int i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) {
                breaks++;
            }
            long line = Math.max(1, context.currentLine() - breaks);
            return new Row(fields, line, raw);
        }
        return null;
    }

    private static boolean allBlank(String[] fields) {
        for (String f : fields) {
            if (f != null && !f.isBlank()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        done = true;
        parser.stopParsing();
    }
}
