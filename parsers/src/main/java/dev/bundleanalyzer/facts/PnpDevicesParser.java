package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads device listings:
 * <ul>
 *   <li>{@code pnputil /enum-devices} blocks, English or Korean labels ({@code 인스턴스 ID:}, {@code 장치 설명:},
 *       {@code 상태:}, {@code 문제 코드:}); in another language the block is read by its shape (an instance ID
 *       first, the description second, the status two lines after the class GUID, a problem code written
 *       {@code 28 (0x1C) ...}):
 * <pre>
 * Instance ID:                ROOT\ISCSIPRT\0000
 * Device Description:         Unknown device
 * Class Name:                 Unknown
 * Class GUID:                 {00000000-0000-0000-0000-000000000000}
 * Manufacturer Name:
 * Status:                     Problem
 * Problem Code:               28 (0x1C) [CM_PROB_FAILED_INSTALL]
 * Driver Name:
 * </pre></li>
 *   <li>the {@code Get-PnpDevice} table ({@code Status  Class  FriendlyName  InstanceId}; Class may be blank, the
 *       instance ID is the last column) and {@code Get-PnpDevice | Format-List} blocks ({@code InstanceId},
 *       {@code Status}, {@code FriendlyName}, {@code Problem}).</li>
 * </ul>
 *
 * <p>Facts, {@code <instance id>} in lower case ({@code root\iscsiprt\0000}):
 * {@code device.<instance id>.status} as printed ({@code Started}, {@code Problem}, {@code Disconnected},
 * {@code OK}, {@code Unknown}, {@code Error}, or the localised word), {@code device.<instance id>.description},
 * and {@code device.<instance id>.problem} (the problem code as printed, when there is one).
 */
public final class PnpDevicesParser implements Parser {

    public static final String KIND = "pnp-devices";

    /** {@code ROOT\ISCSIPRT\0000}, {@code PCI\VEN_8086&DEV_10D3\3&...}: an enumerator, a backslash, more. */
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9_{}\\-]+\\\\\\S.*");
    private static final Pattern GUID = Pattern.compile("\\{[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\\}");
    private static final Pattern PROBLEM_CODE = Pattern.compile("\\d+\\s*\\(0x[0-9A-Fa-f]+\\).*");

    private enum Role { INSTANCE, DESCRIPTION, STATUS, PROBLEM, GUID, OTHER }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        String text = sample.text();
        if (text.indexOf('\\') < 0 && !text.contains("InstanceId")) {
            return 0; // every shape but a header without rows holds an instance ID with a backslash
        }
        int best = 0;
        boolean inTable = false;
        boolean instance = false;
        boolean status = false;
        boolean guid = false;
        boolean firstOfBlock = true;
        boolean shapeInstance = false;
        for (String line : text.split("\r?\n", 400)) {
            String[] tok = CaptureText.tokens(line);
            if (isTableHeader(tok)) {
                inTable = true;
                best = Math.max(best, 70);
                continue;
            }
            if (tok.length == 0) {
                inTable = false;
                instance = status = guid = shapeInstance = false;
                firstOfBlock = true;
                continue;
            }
            if (inTable) {
                if (isDashes(line)) {
                    continue;
                }
                if (tok.length >= 2 && isWord(tok[0]) && INSTANCE_ID.matcher(tok[tok.length - 1]).matches()) {
                    return 90;
                }
                inTable = false;
                continue;
            }
            String[] lv = CaptureText.labelValue(line);
            if (lv == null) {
                firstOfBlock = false;
                continue;
            }
            Role role = role(lv[0]);
            if (role == Role.INSTANCE && INSTANCE_ID.matcher(lv[1]).matches()) {
                instance = true;
            } else if (role == Role.STATUS && !lv[1].isEmpty()) {
                status = true;
            } else if (GUID.matcher(lv[1]).matches()) {
                guid = true;
            }
            if (firstOfBlock && INSTANCE_ID.matcher(lv[1]).matches()) {
                shapeInstance = true;
            }
            firstOfBlock = false;
            if (instance && status) {
                return 90;
            }
            if (shapeInstance && guid) {
                best = Math.max(best, 80);
            }
        }
        return best;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        long facts = 0;
        boolean inTable = false;
        int classFrom = -1;
        int nameFrom = -1;
        int idFrom = -1;
        List<Integer> block = new ArrayList<>();
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            String[] tok = CaptureText.tokens(line);
            if (tok.length == 0) {
                facts += block(block, lines, input, sink);
                inTable = false;
                continue;
            }
            if (isTableHeader(tok)) {
                facts += block(block, lines, input, sink);
                inTable = true;
                classFrom = line.indexOf("Class");
                nameFrom = line.indexOf("FriendlyName");
                idFrom = line.indexOf("InstanceId");
                continue;
            }
            if (inTable) {
                if (isDashes(line)) {
                    continue;
                }
                if (tok.length < 2 || !isWord(tok[0])) {
                    inTable = false;
                    continue;
                }
                String id;
                String description = null;
                boolean byColumns = idFrom > nameFrom && nameFrom > classFrom && classFrom > 0
                        && line.length() > idFrom && Character.isWhitespace(line.charAt(idFrom - 1))
                        && !Character.isWhitespace(line.charAt(idFrom))
                        && (line.length() <= nameFrom || Character.isWhitespace(line.charAt(nameFrom - 1)));
                if (byColumns) {
                    id = line.substring(idFrom).strip();
                    description = line.substring(Math.min(nameFrom, line.length()), idFrom).strip();
                } else {
                    id = tok[tok.length - 1];
                    if (tok.length >= 4) {
                        description = String.join(" ", List.of(tok).subList(2, tok.length - 1));
                    }
                }
                if (!INSTANCE_ID.matcher(id).matches()) {
                    continue;
                }
                facts += emit(id, "status", tok[0], i, lines, input, sink);
                if (description != null && !description.isEmpty()) {
                    facts += emit(id, "description", description, i, lines, input, sink);
                }
                continue;
            }
            if (CaptureText.labelValue(line) != null) {
                block.add(i);
            }
        }
        return facts;
    }

    /** Facts of one pnputil or Format-List block (line indexes of its {@code label: value} lines). */
    private static long block(List<Integer> block, List<String> lines, ParseInput input, RecordSink sink) {
        if (block.isEmpty()) {
            return 0;
        }
        int n = block.size();
        String[] values = new String[n];
        Role[] roles = new Role[n];
        int instance = -1;
        int guid = -1;
        for (int k = 0; k < n; k++) {
            String[] lv = CaptureText.labelValue(lines.get(block.get(k)));
            values[k] = lv[1];
            roles[k] = role(lv[0]);
            if (roles[k] == Role.INSTANCE && instance < 0) {
                instance = k;
            }
            if (roles[k] == Role.GUID || (guid < 0 && GUID.matcher(lv[1]).matches())) {
                guid = k;
            }
        }
        boolean byShape = false;
        if (instance < 0 && INSTANCE_ID.matcher(values[0]).matches()) {
            instance = 0; // labels in a language not known here: read by position
            byShape = true;
        }
        if (instance < 0 || !INSTANCE_ID.matcher(values[instance]).matches()) {
            block.clear();
            return 0;
        }
        String id = values[instance];
        int status = indexOf(roles, Role.STATUS);
        int description = indexOf(roles, Role.DESCRIPTION);
        int problem = indexOf(roles, Role.PROBLEM);
        if (byShape) {
            if (description < 0 && n > 1 && roles[1] == Role.OTHER) {
                description = 1;
            }
            if (status < 0 && guid >= 0 && guid + 2 < n && roles[guid + 2] == Role.OTHER
                    && !values[guid + 2].contains("\\")) {
                status = guid + 2;
            }
            if (problem < 0) {
                for (int k = 0; k < n; k++) {
                    if (PROBLEM_CODE.matcher(values[k]).matches()) {
                        problem = k;
                        break;
                    }
                }
            }
        }
        long facts = 0;
        if (status >= 0 && !values[status].isEmpty()) {
            facts += emit(id, "status", values[status], block.get(status), lines, input, sink);
        }
        if (description >= 0 && !values[description].isEmpty()) {
            facts += emit(id, "description", values[description], block.get(description), lines, input, sink);
        }
        if (problem >= 0 && !values[problem].isEmpty() && !values[problem].equalsIgnoreCase("CM_PROB_NONE")) {
            facts += emit(id, "problem", values[problem], block.get(problem), lines, input, sink);
        }
        block.clear();
        return facts;
    }

    private static int emit(String id, String what, String value, int index, List<String> lines, ParseInput input,
            RecordSink sink) {
        sink.fact(CaptureText.fact("device." + id.toLowerCase(Locale.ROOT) + "." + what, value, input, lines, index));
        return 1;
    }

    private static int indexOf(Role[] roles, Role role) {
        for (int k = 0; k < roles.length; k++) {
            if (roles[k] == role) {
                return k;
            }
        }
        return -1;
    }

    private static Role role(String label) {
        String l = label.toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (l) {
            case "instanceid", "인스턴스id" -> Role.INSTANCE;
            case "devicedescription", "장치설명", "friendlyname" -> Role.DESCRIPTION;
            case "status", "상태" -> Role.STATUS;
            case "problemcode", "문제코드", "problem" -> Role.PROBLEM;
            case "classguid", "클래스guid" -> Role.GUID;
            default -> Role.OTHER;
        };
    }

    private static boolean isTableHeader(String[] tok) {
        return tok.length == 4 && tok[0].equals("Status") && tok[1].equals("Class") && tok[2].equals("FriendlyName")
                && tok[3].equals("InstanceId");
    }

    private static boolean isWord(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
    }

    private static boolean isDashes(String s) {
        String t = s.strip();
        return !t.isEmpty() && t.chars().allMatch(c -> c == '-' || c == ' ' || c == '\t');
    }
}
