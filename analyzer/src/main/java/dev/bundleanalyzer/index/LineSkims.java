package dev.bundleanalyzer.index;

import dev.bundleanalyzer.parse.LiteralScanner;
import dev.bundleanalyzer.parse.LogEvent;
import dev.bundleanalyzer.parse.RecordSink;
import dev.bundleanalyzer.parse.Skim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which trace lines the rules' queries may match, told from the raw bytes of the line (see
 * {@link RecordSink#skim}): most lines of a large log match none, and only count towards the timeline.
 *
 * <p>Each query's {@link QueryNeed} is first narrowed to what one scan of a line can tell cheaply: of the needs
 * an event must meet all of, the one with the longest literals (a phrase's rarest word, not its {@code a} or
 * {@code to}) stands for them all, which is never stricter. The values of a trace line's columns are written in
 * its raw text, so the literals of the message and those columns are looked for there; an error code's normal
 * form is looked for by its digits ({@link #codeHint}); the file's name and component are known before its first
 * line. Immutable and thread-safe; each {@link Skim} it gives belongs to one parser thread.
 */
final class LineSkims {

    /** Fields whose values a trace line writes as they are, within its raw text before its message. */
    private static final Set<String> COLUMNS = Set.of(Fields.PROCESS, Fields.THREAD, Fields.SOURCE,
            Fields.ACTIVITY_ID);

    private final int words;
    /** Each query's need, narrowed; {@code null} when some query may match every line. */
    private final QueryNeed[] needs;
    /** For each literal of a narrowed need, the queries that have it. */
    private final int[][] byLiteral;
    /** The literals of messages and error codes, looked for in a line's message. */
    private final LiteralScanner messages;
    /** The literals of the other columns but the level, looked for before the message; {@code null} when none. */
    private final LiteralScanner columns;
    /** The literals of levels, with their ids. */
    private final String[] levels;
    private final int[] levelIds;
    /** Literals of the fields a file has one value of, by field. */
    private final Map<String, Map<String, Integer>> constant = new LinkedHashMap<>();

    /**
     * @param needs      the needs of the queries
     * @param any        whether some query needs nothing (may match every line)
     * @param literalIds the number of each literal of the needs, by field
     */
    LineSkims(List<QueryNeed> needs, boolean any, Map<String, Map<String, Integer>> literalIds, int words) {
        this.words = words;
        // what a scan looks for, by literal id: in the message (its words, the digits of error codes), in the
        // columns before it, in the level
        Map<Integer, String> inMessages = new LinkedHashMap<>();
        Map<Integer, String> inColumns = new LinkedHashMap<>();
        Map<Integer, String> ofLevels = new LinkedHashMap<>();
        for (var field : literalIds.entrySet()) {
            String name = field.getKey();
            for (var literal : field.getValue().entrySet()) {
                String text = name.equals(Fields.ERROR_CODE) ? codeHint(literal.getKey()) : literal.getKey();
                if (name.equals(Fields.MESSAGE) || (name.equals(Fields.ERROR_CODE) && text != null)) {
                    inMessages.put(literal.getValue(), text);
                } else if (name.equals(Fields.LEVEL)) {
                    ofLevels.put(literal.getValue(), text);
                } else if (COLUMNS.contains(name)) {
                    inColumns.put(literal.getValue(), text);
                } else if (CONSTANT.contains(name)) {
                    constant.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(literal.getKey(), literal.getValue());
                }
            }
        }
        Map<Integer, String> scanned = new LinkedHashMap<>(inMessages);
        scanned.putAll(inColumns);
        scanned.putAll(ofLevels);
        boolean scannable = !any;
        QueryNeed[] narrowed = new QueryNeed[needs.size()];
        List<List<Integer>> users = new ArrayList<>();
        for (int i = 0; i < words * 64; i++) {
            users.add(new ArrayList<>());
        }
        java.util.BitSet used = new java.util.BitSet();
        for (int q = 0; q < narrowed.length && scannable; q++) {
            narrowed[q] = narrow(needs.get(q), scanned);
            if (narrowed[q] == QueryNeed.ANY) {
                scannable = false; // a need no scan tells (an error code of nothing but zeros): every line may meet it
                break;
            }
            int query = q;
            narrowed[q].literals(id -> {
                used.set(id);
                if (!users.get(id).contains(query)) {
                    users.get(id).add(query);
                }
            });
        }
        this.needs = scannable ? narrowed : null;
        this.byLiteral = users.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        // only the literals the narrowed needs kept are looked for
        for (Map<Integer, String> of : List.of(inMessages, inColumns, ofLevels)) {
            of.keySet().removeIf(id -> !used.get(id));
        }
        this.messages = scanner(inMessages, words);
        this.columns = inColumns.isEmpty() ? null : scanner(inColumns, words);
        this.levels = ofLevels.values().toArray(new String[0]);
        this.levelIds = ofLevels.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    private static LiteralScanner scanner(Map<Integer, String> literals, int words) {
        return new LiteralScanner(new ArrayList<>(literals.values()),
                literals.keySet().stream().mapToInt(Integer::intValue).toArray(), words);
    }

    /** Fields of one value for all events of a trace log, known before its first line. */
    private static final Set<String> CONSTANT = Set.of(Fields.FILE, Fields.COMPONENT, Fields.TYPE, Fields.TIME_ASSUMED);

    /**
     * What the text of a line holds when one of its error codes holds {@code literal}: a code's normal form is its
     * digits, without leading zeros, after {@code 0x} for a hexadecimal one, and the text writes those digits,
     * in some case, maybe after zeros. So a literal that is a part of a normal form is in the text once the part
     * of {@code 0x} it may start with is left out. {@code null} for a literal of nothing but {@code 0} or
     * {@code 0x}, which the text may not hold.
     */
    static String codeHint(String literal) {
        String digits = literal.startsWith("0x") ? literal.substring(2) : literal.startsWith("x") ? literal.substring(1)
                : literal;
        return digits.isEmpty() || digits.equals("0") ? null : digits;
    }

    /** The skim of one file, or {@code null} when any of its lines may match some query. */
    FileSkim of(String file, String component) {
        if (needs == null) {
            return null;
        }
        long[] known = new long[words];
        constant.forEach((field, literals) -> {
            String value = switch (field) {
                case Fields.FILE -> file;
                case Fields.COMPONENT -> component;
                case Fields.TYPE -> Fields.TYPE_EVENT;
                default -> Boolean.TRUE.toString(); // time assumed: whatever the line, it may be
            };
            literals.forEach((literal, id) -> {
                if (value != null && QueryNeed.containsIgnoreCase(value, literal)) {
                    known[id >>> 6] |= 1L << id;
                }
            });
        });
        for (QueryNeed need : needs) {
            if (need.test(known)) {
                return null;
            }
        }
        return new FileSkim(file, component, known);
    }

    /**
     * Whether an event is one a skim can judge: a trace line's, whose keyword values are its file's, its level
     * and columns of its raw text, and error codes of its message (see {@link RecordSink#skim}).
     */
    static boolean judges(LogEvent e) {
        return e.record() == null && e.eventId() == null && e.channel() == null && e.computer() == null;
    }

    /** The skim of one file's lines: their bytes as a parser reads them, or their events. One thread's. */
    final class FileSkim implements Skim {
        final String file;
        final String component;
        private final long[] known;
        private final long[] inLine = new long[words];
        private final long[] inColumns = new long[words];
        private final long[] found = new long[words];
        private final long[] levelBits = new long[words];
        private String lastLevel;

        private FileSkim(String file, String component, long[] known) {
            this.file = file;
            this.component = component;
            this.known = known;
        }

        @Override
        public boolean wants(byte[] text, int from, int messageFrom, int to, String level) {
            messages.scan(text, messageFrom, to, inLine);
            if (columns != null) {
                columns.scan(text, from, messageFrom, inColumns);
                or(inLine, inColumns);
            }
            return decide(level);
        }

        /** Whether an event of this file ({@link #judges judged} by a skim) may match some query. */
        boolean wants(LogEvent e) {
            messages.scan(e.message(), inLine);
            if (columns != null) {
                for (String value : new String[] {e.process(), e.thread(), e.source(), e.activityId()}) {
                    columns.scan(value, inColumns);
                    or(inLine, inColumns);
                }
            }
            return decide(e.level());
        }

        private boolean decide(String level) {
            if (levels.length > 0) {
                if (level != lastLevel) {
                    // parsers hand on the same string while the level repeats
                    lastLevel = level;
                    Arrays.fill(levelBits, 0L);
                    for (int i = 0; level != null && i < levels.length; i++) {
                        if (QueryNeed.containsIgnoreCase(level, levels[i])) {
                            levelBits[levelIds[i] >>> 6] |= 1L << levelIds[i];
                        }
                    }
                }
                or(inLine, levelBits);
            }
            boolean any = false;
            for (int w = 0; w < words; w++) {
                any |= inLine[w] != 0;
                found[w] = inLine[w] | known[w];
            }
            return any && mayMatch(inLine, found);
        }
    }

    private static void or(long[] into, long[] bits) {
        for (int w = 0; w < into.length; w++) {
            into[w] |= bits[w];
        }
    }

    /**
     * Whether the narrowed need of some query is met by the literals {@code found}: only one that has a literal
     * {@code inLine} can be, as the file's own literals alone meet none.
     */
    private boolean mayMatch(long[] inLine, long[] found) {
        for (int w = 0; w < inLine.length; w++) {
            long bits = inLine[w];
            while (bits != 0) {
                int id = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                for (int q : byLiteral[id]) {
                    if (needs[q].test(found)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A need no stricter than {@code need} with only literals a line's scan finds or the file's constants give:
     * of those an event must meet all of, the one of longest literals. A literal of neither kind (an event ID, a
     * channel: trace lines have none) is kept, as no line will meet it.
     */
    private QueryNeed narrow(QueryNeed need, Map<Integer, String> scanned) {
        if (need instanceof QueryNeed.Has has) {
            return isKnown(has, scanned) ? has : QueryNeed.ANY;
        }
        if (need instanceof QueryNeed.AnyOf anyOf) {
            List<QueryNeed> out = new ArrayList<>();
            for (QueryNeed n : anyOf.needs()) {
                QueryNeed narrowed = narrow(n, scanned);
                if (narrowed == QueryNeed.ANY) {
                    return QueryNeed.ANY;
                }
                out.add(narrowed);
            }
            return new QueryNeed.AnyOf(out.toArray(new QueryNeed[0]));
        }
        if (need instanceof QueryNeed.AllOf allOf) {
            QueryNeed best = QueryNeed.ANY;
            int bestWeight = -1;
            for (QueryNeed n : allOf.needs()) {
                QueryNeed narrowed = narrow(n, scanned);
                int weight = weight(narrowed, scanned);
                if (narrowed != QueryNeed.ANY && weight > bestWeight) {
                    best = narrowed;
                    bestWeight = weight;
                }
            }
            return best;
        }
        return QueryNeed.ANY;
    }

    /**
     * Whether a line's scan or its file tells if the literal is there, or no trace line can have it: all but an error
     * code without digits to look for.
     */
    private static boolean isKnown(QueryNeed.Has has, Map<Integer, String> scanned) {
        return !has.field().equals(Fields.ERROR_CODE) || scanned.containsKey(has.id());
    }

    /**
     * How rarely a narrowed need is met, guessed by the length of its literals: a constant of the file or a field
     * lines lack counts as rarest (it is decided before the first line).
     */
    private int weight(QueryNeed need, Map<Integer, String> scanned) {
        if (need instanceof QueryNeed.Has has) {
            String text = scanned.get(has.id());
            return text == null ? Integer.MAX_VALUE : text.length();
        }
        if (need instanceof QueryNeed.AnyOf anyOf) {
            int min = Integer.MAX_VALUE;
            for (QueryNeed n : anyOf.needs()) {
                min = Math.min(min, weight(n, scanned));
            }
            return min;
        }
        if (need instanceof QueryNeed.AllOf allOf) {
            int max = 0;
            for (QueryNeed n : allOf.needs()) {
                max = Math.max(max, weight(n, scanned));
            }
            return max;
        }
        return 0;
    }
}
