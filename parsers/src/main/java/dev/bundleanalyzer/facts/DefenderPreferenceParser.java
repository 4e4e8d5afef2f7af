package dev.bundleanalyzer.facts;

import dev.bundleanalyzer.detect.ContentSample;
import dev.bundleanalyzer.parse.ParseInput;
import dev.bundleanalyzer.parse.Parser;
import dev.bundleanalyzer.parse.RecordSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the list view of {@code Get-MpPreference} (Microsoft Defender), about a hundred {@code Name : value} rows
 * of which only the exclusions matter here:
 * <pre>
 * ExclusionExtension                            :
 * ExclusionPath                                 : {C:\Program Files\Microsoft Azure Recovery Services Agent\Scratch,
 *                                                 D:\MARS\Scratch}
 * ExclusionProcess                              : {cbengine.exe, csc.exe, OBRecoveryServicesManagementAgent.exe,
 *                                                 wbengine.exe...}
 * </pre>
 * Lists are printed as {@code {a, b}}, wrapped onto indented lines when longer than the console, and cut after
 * {@code $FormatEnumerationLimit} items with {@code ...}. An empty list shows as nothing or {@code {}}. Property
 * names are not localised.
 *
 * <p>Found by content: rows named after several Get-MpPreference properties (ExclusionPath, ExclusionProcess,
 * DisableRealtimeMonitoring, SignatureUpdateInterval, ...).
 *
 * <p>Facts: {@code defender.present = true} once, on the first such row; {@code defender.exclusion.path} and
 * {@code defender.exclusion.process}, one per list item, on the line the item starts on (e.g.
 * {@code defender.exclusion.process = csc.exe}); {@code defender.exclusion.truncated = true} on the line of a list
 * that ends in {@code ...} (its last item is still given, without the dots).
 */
public final class DefenderPreferenceParser implements Parser {

    public static final String KIND = "defender-preference";

    /** Property names of the list view, lower case (a selection: enough to tell the capture). */
    private static final Set<String> PROPERTIES = Set.of("allowdatagramprocessingonwinserver",
            "allownetworkprotectiondownlevel", "allownetworkprotectiononwinserver",
            "attacksurfacereductiononlyexclusions", "attacksurfacereductionrules_actions",
            "attacksurfacereductionrules_ids", "checkforsignaturesbeforerunningscan", "cloudblocklevel",
            "cloudextendedtimeout", "controlledfolderaccessallowedapplications",
            "controlledfolderaccessprotectedfolders", "disablearchivescanning", "disableautoexclusions",
            "disablebehaviormonitoring", "disableblockatfirstseen", "disablecatchupfullscan",
            "disablecatchupquickscan", "disableemailscanning", "disableioavprotection", "disableprivacymode",
            "disablerealtimemonitoring", "disableremovabledrivescanning", "disablerestorepoint",
            "disablescanningmappednetworkdrivesforfullscan", "disablescanningnetworkfiles", "disablescriptscanning",
            "enablecontrolledfolderaccess", "enablefilehashcomputation", "enablenetworkprotection",
            "exclusionextension", "exclusionipaddress", "exclusionpath", "exclusionprocess", "mapsreporting",
            "puaprotection", "quarantinepurgeitemsafterdelay", "realtimescandirection", "scanavgcpuloadfactor",
            "scanscheduleday", "scanscheduletime", "signaturefallbackorder", "signaturescheduleday",
            "signatureupdatecatchupinterval", "signatureupdateinterval", "submitsamplesconsent");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int detect(ContentSample sample) {
        if (!sample.isText()) {
            return 0;
        }
        Set<String> seen = new HashSet<>();
        boolean exclusion = false;
        for (String line : sample.text().split("\r?\n", 400)) {
            String name = property(line);
            if (name != null) {
                seen.add(name);
                exclusion |= name.startsWith("exclusion");
            }
        }
        if (seen.size() >= 3) {
            return 90;
        }
        return seen.size() == 2 && exclusion ? 70 : 0;
    }

    @Override
    public long parse(ParseInput input, RecordSink sink) throws IOException {
        List<String> lines = CaptureText.readLines(input);
        long facts = 0;
        boolean present = false;
        for (int i = 0; i < lines.size(); i++) {
            String name = property(lines.get(i));
            if (name == null) {
                continue;
            }
            if (!present) {
                sink.fact(CaptureText.fact("defender.present", "true", input, lines, i));
                facts++;
                present = true;
            }
            String key = switch (name) {
                case "exclusionpath" -> "defender.exclusion.path";
                case "exclusionprocess" -> "defender.exclusion.process";
                default -> null;
            };
            if (key != null) {
                int last = endOfValue(lines, i);
                facts += items(key, lines, i, last, input, sink);
                i = last;
            }
        }
        return facts;
    }

    /** The last line of the value that starts on row {@code i}: a list open at the line end goes on while indented. */
    private static int endOfValue(List<String> lines, int i) {
        String value = CaptureText.labelValue(lines.get(i))[1];
        if (!value.startsWith("{") || value.contains("}")) {
            return i;
        }
        int j = i;
        while (j + 1 < lines.size() && !lines.get(j + 1).isBlank()
                && Character.isWhitespace(lines.get(j + 1).charAt(0))) {
            j++;
            if (lines.get(j).contains("}")) {
                break;
            }
        }
        return j;
    }

    /** One fact per item of the list on lines {@code first..last}; the truncation mark when it ends in dots. */
    private static long items(String key, List<String> lines, int first, int last, ParseInput input, RecordSink sink) {
        StringBuilder text = new StringBuilder();
        List<Integer> lineOf = new ArrayList<>();
        for (int j = first; j <= last; j++) {
            String part = j == first ? CaptureText.labelValue(lines.get(j))[1] : lines.get(j).strip();
            if (j > first) {
                text.append(' ');
                lineOf.add(j);
            }
            text.append(part);
            for (int k = 0; k < part.length(); k++) {
                lineOf.add(j);
            }
        }
        int start = 0;
        int end = text.length();
        if (end > 0 && text.charAt(0) == '{') {
            start++;
        }
        if (end > start && text.charAt(end - 1) == '}') {
            end--;
        }
        long facts = 0;
        boolean truncated = false;
        int itemStart = start;
        while (itemStart < end) {
            int comma = text.indexOf(",", itemStart);
            int itemEnd = comma < 0 || comma >= end ? end : comma;
            // an item ends at ", "; a comma without a blank after it belongs to the path
            while (itemEnd < end && itemEnd + 1 < end && !Character.isWhitespace(text.charAt(itemEnd + 1))) {
                comma = text.indexOf(",", itemEnd + 1);
                itemEnd = comma < 0 || comma >= end ? end : comma;
            }
            String item = text.substring(itemStart, itemEnd);
            int lead = 0;
            while (lead < item.length() && Character.isWhitespace(item.charAt(lead))) {
                lead++;
            }
            item = item.strip();
            if (itemEnd == end && item.endsWith("...")) {
                item = item.substring(0, item.length() - 3).strip();
                truncated = true;
            }
            if (!item.isEmpty()) {
                int line = lineOf.get(Math.min(itemStart + lead, lineOf.size() - 1));
                sink.fact(CaptureText.fact(key, item, input, lines, line));
                facts++;
            }
            itemStart = itemEnd + 1;
        }
        if (truncated) {
            sink.fact(CaptureText.fact("defender.exclusion.truncated", "true", input, lines, lineOf.get(end - 1)));
            facts++;
        }
        return facts;
    }

    /** The lower-case property name of a {@code Name : value} row at the margin when it is a known one; else null. */
    private static String property(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
            return null;
        }
        String[] lv = CaptureText.labelValue(line);
        if (lv == null) {
            return null;
        }
        String name = lv[0].toLowerCase(Locale.ROOT);
        return PROPERTIES.contains(name) ? name : null;
    }
}
