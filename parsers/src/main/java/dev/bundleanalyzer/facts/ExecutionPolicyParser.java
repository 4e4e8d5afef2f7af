package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads the console output of {@code Get-ExecutionPolicy -List}:
 * <pre>
 *         Scope ExecutionPolicy
 *         ----- ---------------
 * MachinePolicy       Undefined
 *    UserPolicy       Undefined
 *       Process       Undefined
 *   CurrentUser       Undefined
 *  LocalMachine    RemoteSigned
 * </pre>
 * Columns may be right- or left-aligned; rows are split on blanks.
 *
 * <p>Facts: {@code executionpolicy.<scope in lower case>} for each of MachinePolicy, UserPolicy, Process,
 * CurrentUser and LocalMachine that is listed, e.g. {@code executionpolicy.localmachine = RemoteSigned}, and
 * {@code executionpolicy.effective}: the policy of the first scope in that order (the order of precedence) that
 * is not {@code Undefined}, or {@code Undefined} when all are. The effective fact points at the row that decided it.
 */
public final class ExecutionPolicyParser implements Parser {

    public static final String KIND = "execution-policy";

    /** Scopes in order of precedence. */
    public static final List<String> SCOPES = List.of("MachinePolicy", "UserPolicy", "Process", "CurrentUser", "LocalMachine");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText() || !sample.text().contains("ExecutionPolicy")) {
            return 0;
        }
        boolean header = false;
        for (String line : sample.text().split("\r?\n", 100)) {
            String[] tok = CaptureText.tokens(line);
            if (isHeader(tok)) {
                header = true;
            } else if (header && tok.length == 2 && scope(tok[0]) >= 0) {
                return 90;
            }
        }
        return header ? 70 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        String file = input.path();
        String[] values = new String[SCOPES.size()];
        int[] rowLine = new int[SCOPES.size()];
        boolean inTable = false;
        long facts = 0;
        int lastRow = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] tok = CaptureText.tokens(lines.get(i));
            if (isHeader(tok)) {
                inTable = true;
                continue;
            }
            if (!inTable || tok.length != 2) {
                continue;
            }
            int s = scope(tok[0]);
            if (s < 0) {
                continue;
            }
            values[s] = tok[1];
            rowLine[s] = i + 1;
            lastRow = i + 1;
            sink.fact(new Fact("executionpolicy." + SCOPES.get(s).toLowerCase(Locale.ROOT), tok[1], file, i + 1,
                    lines.get(i)));
            facts++;
        }
        if (facts == 0) {
            return 0;
        }
        String effective = "Undefined";
        int line = lastRow;
        for (int s = 0; s < values.length; s++) {
            if (values[s] != null && !values[s].equalsIgnoreCase("Undefined")) {
                effective = values[s];
                line = rowLine[s];
                break;
            }
        }
        sink.fact(new Fact("executionpolicy.effective", effective, file, line, lines.get(line - 1)));
        return facts + 1;
    }

    private static boolean isHeader(String[] tok) {
        return tok.length == 2 && tok[0].equals("Scope") && tok[1].equals("ExecutionPolicy");
    }

    private static int scope(String name) {
        for (int i = 0; i < SCOPES.size(); i++) {
            if (SCOPES.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
