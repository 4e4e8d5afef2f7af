package dev.bundleanalyzer.report;

import dev.bundleanalyzer.report.Timeline.Level;
import dev.bundleanalyzer.rules.Severity;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Timeline} as the page draws it: the geometry of an inline SVG in the units of a fixed view box
 * (the SVG scales to the page's width, on screen and on paper), with every text already in the report
 * language, so the template only prints values. Texts come from the bundle (finding titles) and are escaped by
 * the template like every other value.
 *
 * <p>Layout, top to bottom: a lane of finding markers, one row per severity (most severe on top), each marker
 * with a thin line down to the bars; stacked bars of events per bucket and level (most severe at the bottom,
 * where the eye starts); the time axis and its bucket length.
 *
 * @param laneTop   top of the markers' lane; {@code laneHeight} its height, {@code laneLabelY} its label's baseline
 * @param bars      one per non-empty bucket
 * @param yTicks    count labels on the left, with their gridlines
 * @param xTicks    time labels below the bars, at bucket starts
 * @param markers   one per finding and bucket its evidence falls in
 * @param axisLabel what one bar stands for ({@code 1 bar = 3 hours})
 * @param summary   the chart in words: range, totals per level, markers (the SVG's description and caption)
 * @param legend    the levels with their totals
 */
public record TimelineChart(int width, int height, double plotLeft, double plotRight, double plotTop,
                            double plotBottom, double laneTop, double laneHeight, double laneLabelY, List<Bar> bars, List<Tick> yTicks,
                            List<Tick> xTicks, List<Mark> markers, String axisLabel, String summary,
                            List<LegendItem> legend) {

    static final int WIDTH = 1000;
    static final int HEIGHT = 236;
    static final double PLOT_LEFT = 72;
    static final double PLOT_RIGHT = WIDTH - 40;
    static final double PLOT_TOP = 52;
    static final double PLOT_BOTTOM = 200;
    static final double LANE_TOP = 4;
    static final double LANE_ROW = 10;
    static final double MARKER_HALF = 4;
    /** A non-empty level keeps at least this height, so that one error beside 10,000 info lines still shows. */
    static final double MIN_SEGMENT = 1.5;
    static final int MAX_X_LABELS = 8;
    /** Label steps in buckets; with buckets aligned to midnight these fall on round hours and days. */
    private static final int[] LABEL_STEPS = {1, 2, 3, 4, 6, 8, 12, 24, 48, 96, 192};

    private static final DateTimeFormatter HOUR_LABEL =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_LABEL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BAR_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public TimelineChart {
        bars = List.copyOf(bars);
        yTicks = List.copyOf(yTicks);
        xTicks = List.copyOf(xTicks);
        markers = List.copyOf(markers);
        legend = List.copyOf(legend);
    }

    /** One bucket's bar: its levels stacked, and a tooltip naming its time span and counts. */
    public record Bar(String title, List<Segment> segments) {
    }

    /** One level's part of a bar; {@code level} is a {@link Level#label()}, used as the CSS class. */
    public record Segment(String level, double x, double y, double width, double height) {
    }

    /** An axis label at {@code x} (time axis) or {@code y} (count axis). */
    public record Tick(double x, double y, String label) {
    }

    /**
     * A finding marker: a triangle ({@code shape}, an SVG path) at {@code x, y} and a guide line down to the
     * bars; {@code href} is the finding's anchor on the page, or {@code null} when it has none.
     */
    public record Mark(String rule, String severity, String href, double x, double y, String shape, double lineTop,
                       String title) {
    }

    /** A level in the legend, with its total over the chart. */
    public record LegendItem(String level, String label, String count) {
    }

    /**
     * Lays out a timeline.
     *
     * @param anchors the page anchor of each rule that has one
     */
    static TimelineChart of(Timeline t, String lang, Map<String, String> msg, Locale locale,
                            Map<String, String> anchors) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        int n = t.buckets().size();
        double slot = (PLOT_RIGHT - PLOT_LEFT) / n;
        long max = t.buckets().stream().mapToLong(Timeline.Bucket::total).max().orElse(0);
        long top = niceCeiling(max);

        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Timeline.Bucket b = t.buckets().get(i);
            if (b.total() > 0) {
                bars.add(bar(b, t.bucket(), PLOT_LEFT + i * slot, slot, top, msg, locale));
            }
        }

        List<Tick> yTicks = new ArrayList<>();
        yTicks.add(new Tick(PLOT_LEFT, PLOT_BOTTOM, numbers.format(0)));
        if (top % 2 == 0) {
            yTicks.add(new Tick(PLOT_LEFT, round((PLOT_TOP + PLOT_BOTTOM) / 2), numbers.format(top / 2)));
        }
        yTicks.add(new Tick(PLOT_LEFT, PLOT_TOP, numbers.format(top)));

        List<Mark> marks = new ArrayList<>();
        Set<String> markedRules = new LinkedHashSet<>();
        for (Timeline.Marker m : t.markers()) {
            marks.add(mark(t, m, lang, msg, locale, anchors));
            markedRules.add(m.rule());
        }

        String unit = bucketLength(t.bucket(), msg, locale);
        List<LegendItem> legend = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        t.totals().forEach((level, count) -> {
            String label = msg.get("timeline.level." + level.label());
            legend.add(new LegendItem(level.label(), label, numbers.format(count)));
            if (count > 0) {
                counts.add(format(msg, locale, "timeline.levelCount", label, count));
            }
        });
        List<String> sentences = new ArrayList<>();
        sentences.add(format(msg, locale, "timeline.summary", t.timed(),
                HtmlReportWriter.time(t.from()), HtmlReportWriter.time(t.to()), unit,
                counts.isEmpty() ? msg.get("timeline.noTimedEvents") : String.join(", ", counts)));
        if (!markedRules.isEmpty()) {
            sentences.add(format(msg, locale, "timeline.markers", (long) markedRules.size()));
        }
        if (t.untimed() > 0) {
            sentences.add(format(msg, locale, "timeline.untimed", t.untimed()));
        }
        return new TimelineChart(WIDTH, HEIGHT, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM,
                LANE_TOP, Severity.values().length * LANE_ROW + 2, LANE_TOP + 2 * LANE_ROW + 5, bars, yTicks, xTicks(t, slot),
                marks, format(msg, locale, "timeline.axis", unit), String.join(" ", sentences), legend);
    }

    /** Levels stacked from the bottom, most severe first, each at least {@link #MIN_SEGMENT} high. */
    private static Bar bar(Timeline.Bucket b, Duration bucket, double left, double slot, long top,
                           Map<String, String> msg, Locale locale) {
        double gap = slot >= 4 ? Math.max(1, slot * 0.15) : 0;
        double plotHeight = PLOT_BOTTOM - PLOT_TOP;
        Level[] levels = Level.values();
        double[] heights = new double[levels.length];
        int largest = 0;
        double sum = 0;
        for (Level l : levels) {
            long c = b.count(l);
            heights[l.ordinal()] = c == 0 ? 0 : Math.max(MIN_SEGMENT, c * plotHeight / top);
            sum += heights[l.ordinal()];
            largest = heights[l.ordinal()] > heights[largest] ? l.ordinal() : largest;
        }
        if (sum > plotHeight) {
            heights[largest] -= sum - plotHeight; // the minimum heights must not push the bar out of the plot
        }
        List<Segment> segments = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        double y = PLOT_BOTTOM;
        for (Level l : levels) {
            if (heights[l.ordinal()] > 0) {
                y -= heights[l.ordinal()];
                segments.add(new Segment(l.label(), round(left + gap / 2), round(y), round(slot - gap),
                        round(heights[l.ordinal()])));
                counts.add(format(msg, locale, "timeline.levelCount", msg.get("timeline.level." + l.label()),
                        b.count(l)));
            }
        }
        String title = format(msg, locale, "timeline.bar", BAR_TIME.format(b.start()),
                BAR_TIME.format(b.start().plus(bucket)), String.join(", ", counts));
        return new Bar(title, segments);
    }

    private static Mark mark(Timeline t, Timeline.Marker m, String lang, Map<String, String> msg, Locale locale,
                             Map<String, String> anchors) {
        double x = round(xOf(t, m.time()));
        int row = Severity.values().length - 1 - m.severity().ordinal();
        double y = LANE_TOP + row * LANE_ROW + MARKER_HALF + 1;
        String shape = "M" + num(x - MARKER_HALF) + " " + num(y - MARKER_HALF) + " L" + num(x + MARKER_HALF) + " "
                + num(y - MARKER_HALF) + " L" + num(x) + " " + num(y + MARKER_HALF) + " Z";
        String severity = msg.get("severity." + m.severity().label());
        String title = m.evidence() > 1
                ? format(msg, locale, "timeline.markerMany", m.rule(), severity, m.title().get(lang),
                        HtmlReportWriter.time(m.time()), (long) m.evidence())
                : format(msg, locale, "timeline.marker", m.rule(), severity, m.title().get(lang),
                        HtmlReportWriter.time(m.time()));
        return new Mark(m.rule(), m.severity().label(), anchors.get(m.rule()), x, round(y), shape,
                round(y + MARKER_HALF), title);
    }

    /** Where a time falls on the plot: proportional to its distance from the first bucket's start. */
    static double xOf(Timeline t, Instant time) {
        double span = t.bucket().toMillis() * (double) t.buckets().size();
        double offset = time.toEpochMilli() - t.start().toEpochMilli();
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * offset / span;
    }

    /**
     * Labels at bucket starts that are multiples of a step after the buckets' origin (round hours, midnights),
     * at most {@link #MAX_X_LABELS} of them.
     */
    private static List<Tick> xTicks(Timeline t, double slot) {
        int n = t.buckets().size();
        int step = n;
        for (int s : LABEL_STEPS) {
            if ((n + s - 1) / s <= MAX_X_LABELS) {
                step = s;
                break;
            }
        }
        long size = t.bucket().toMillis();
        boolean subDay = t.bucket().compareTo(Duration.ofDays(1)) < 0;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant start = t.buckets().get(i).start();
            long number = Math.floorDiv(start.toEpochMilli() - Timeline.ORIGIN.toEpochMilli(), size);
            if (Math.floorMod(number, step) == 0) {
                ticks.add(new Tick(round(PLOT_LEFT + i * slot), PLOT_BOTTOM,
                        (subDay ? HOUR_LABEL : DAY_LABEL).format(start)));
            }
        }
        return ticks;
    }

    /** {@code 1 hour}, {@code 3 hours}, {@code 2 days}, {@code 5 years} in the report language. */
    static String bucketLength(Duration d, Map<String, String> msg, Locale locale) {
        if (d.compareTo(Duration.ofDays(1)) < 0) {
            return unit(d.toHours(), "timeline.hour", "timeline.hours", msg, locale);
        }
        if (d.compareTo(Duration.ofDays(365)) < 0) {
            return unit(d.toDays(), "timeline.day", "timeline.days", msg, locale);
        }
        return unit(d.toDays() / 365, "timeline.year", "timeline.years", msg, locale);
    }

    private static String unit(long n, String one, String many, Map<String, String> msg, Locale locale) {
        return n == 1 ? msg.get(one) : format(msg, locale, many, n);
    }

    /** A message with its arguments; numbers are passed as numbers, so patterns can choose singular or plural. */
    private static String format(Map<String, String> msg, Locale locale, String key, Object... args) {
        String pattern = msg.get(key);
        if (pattern == null) {
            throw new IllegalStateException("no message '" + key + "'");
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... not below {@code max} (at least 1). */
    static long niceCeiling(long max) {
        long nice = 1;
        for (int step = 0; nice < max; step++) {
            nice = step % 3 == 1 ? nice / 2 * 5 : nice * 2;
        }
        return nice;
    }

    /** Coordinates to a tenth of a unit: precise enough on any screen, and short in the page. */
    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String num(double v) {
        double r = round(v);
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
