package dev.bundleanalyzer.analysis;

import dev.bundleanalyzer.parse.Fact;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.rules.ValueComparison;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent version told by records rather than by the registry: Windows Installer events of the Application
 * log that name the agent (MsiInstaller 1033 installed, 1035 reconfigured, 1036 updated) and version lines of the
 * agent's installer logs ({@code OBInstaller*.errlog}). The newest such record wins, since a server upgraded
 * since keeps the older records too; the registry's {@code Setup} value, when the bundle has it, wins over all.
 * Thread-safe: records arrive from several entries at once.
 */
final class AgentVersionWitness {

    static final String KEY = "agent.version";
    private static final String PRODUCT = "microsoft azure recovery services agent";
    private static final Set<Integer> INSTALLER_EVENTS = Set.of(1033, 1035, 1036);
    private static final Pattern VERSION = Pattern.compile("(?<![\\d.])(\\d+\\.\\d+\\.\\d{3,5}\\.\\d{1,5})(?![\\d.])");
    private static final Pattern AGENT_VERSION = Pattern.compile("(?<![\\d.])(2\\.0\\.\\d{4,5}\\.\\d{1,5})(?![\\d.])");
    private static final Pattern INSTALLER_LOG = Pattern.compile("(?i)(^|[/\\\\!])OBInstaller[^/\\\\]*\\.errlog$");

    private record Candidate(String version, Instant time, Fact fact) {
    }

    private Candidate newest;
    /** Whether each file is an installer log: asked of every record, decided once per file. */
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> installerLogs =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether the witness reads the events of a file (which it does only of installer logs, of all trace logs). */
    boolean reads(String file) {
        return file != null && installerLogs.computeIfAbsent(file, f -> INSTALLER_LOG.matcher(f).find());
    }

    /** Looks at one record on its way to the index. */
    void see(LogEvent e) {
        String message = e.message();
        if (message == null) {
            return;
        }
        String version = null;
        if (e.eventId() != null && INSTALLER_EVENTS.contains(e.eventId()) && "msiinstaller".equalsIgnoreCase(e.component())
                && message.toLowerCase(Locale.ROOT).contains(PRODUCT)) {
            Matcher m = VERSION.matcher(message);
            version = m.find() ? m.group(1) : null;
        } else if (reads(e.file()) && message.toLowerCase(Locale.ROOT).contains("version")) {
            version = highest(AGENT_VERSION.matcher(message));
        }
        if (version == null) {
            return;
        }
        String where = e.record() != null ? " (record " + e.record() + ")" : "";
        Fact fact = new Fact(KEY, version, e.file(), e.line(), message.strip() + where);
        offer(new Candidate(version, e.time(), fact));
    }

    private synchronized void offer(Candidate c) {
        if (newest == null || (c.time() != null && (newest.time() == null || c.time().isAfter(newest.time())))) {
            newest = c;
        }
    }

    /** The version to add as a fact, when the bundle has no {@code agent.version} from elsewhere. */
    synchronized Optional<Fact> fact(List<Fact> facts) {
        if (newest == null || facts.stream().anyMatch(f -> f.key().equals(KEY))) {
            return Optional.empty();
        }
        return Optional.of(newest.fact());
    }

    private static String highest(Matcher m) {
        String best = null;
        while (m.find()) {
            if (best == null || ValueComparison.compare(m.group(1), best) > 0) {
                best = m.group(1);
            }
        }
        return best;
    }
}
