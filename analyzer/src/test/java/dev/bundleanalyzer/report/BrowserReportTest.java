package dev.bundleanalyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bundleanalyzer.cli.Main;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens the report in a real browser, headless Chromium, as the engineer and the customer will: the page
 * renders, its filter script runs under its own Content-Security-Policy, it shows the findings, and it makes no
 * network request (every request of the browser is sent to a local proxy that only counts them). Screenshots are
 * kept in {@code <build dir>/report-screenshots/} for people to look at. Skipped when no Chromium is installed
 * ({@code .ci/run} installs it).
 */
class BrowserReportTest {

    private static final Path SAMPLES = Path.of("..", "samples");
    private static final String HOSTILE = "<script>document.title='pwned'</script>"
            + "<img src=\"http://example.invalid/x.png\" onerror=\"document.title='pwned'\"> {{7*7}} ${7*7} (ID: 34513)";

    private static final java.util.regex.Pattern BROWSER_OWN = java.util.regex.Pattern.compile(
            "^(CONNECT update\\.googleapis\\.com:443 |POST http://update\\.googleapis\\.com/service/update2/json\\?"
            + "|CONNECT accounts\\.google\\.com:443 )");

    @TempDir
    static Path work;
    private static String chromium;
    private static CountingProxy proxy;

    @BeforeAll
    static void findChromium() throws IOException {
        chromium = findOnPath("chromium", "chromium-browser", "google-chrome");
        if (chromium != null) {
            proxy = new CountingProxy();
        }
    }

    @AfterAll
    static void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ko"})
    void sampleReportRendersWithItsScriptAndNoNetwork(String lang) throws Exception {
        assumeTrue(chromium != null, "chromium is not installed");
        Path report = analyze(SAMPLES.resolve("contoso-fs01-bundle.zip"), lang);
        int before = proxy.requests().size();

        String dom = dumpDom(report);
        assertTrue(dom.contains("id=\"MARS-34513\""), "the finding is on the page (deep link target)");
        assertTrue(dom.contains("CBEngineCurr.errlog"), "its evidence is on the page");
        assertTrue(dom.contains("id=\"filter\"") && !dom.matches("(?s).*<div[^>]*id=\"filter\"[^>]*hidden.*"),
                "the filter box is shown: the inline script ran under the page's Content-Security-Policy");
        assertTrue(dom.contains("<svg"), "the timeline is drawn");
        for (String part : List.of("timeline", "findings", "not-evaluated", "inventory")) {
            assertTrue(dom.contains("id=\"" + part + "\""), "the page has its " + part + " section");
        }
        assertTrue(dom.contains("Logs/CloudBackup%4Operational.evtx"), "the inventory lists the event log");
        if (lang.equals("ko")) {
            assertTrue(dom.contains("lang=\"ko\""), "the page says it is Korean");
        }

        Path png = screenshot(report, "report-" + lang + ".png");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertTrue(distinctColours(image) > 16, "the screenshot shows a rendered page, not a blank one");

        assertEquals(List.of(), pageRequests(before), "the report made network requests");
    }

    @Test
    void aHostileLogLineIsShownAsText() throws Exception {
        assumeTrue(chromium != null, "chromium is not installed");
        Path bundle = work.resolve("hostile.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bundle))) {
            zip.putNextEntry(new ZipEntry("Temp/CBEngineCurr.errlog"));
            String line = String.join("\t", "0B10", "1A2C", "10/21", "21:02:21.902", "03", "registrationhelper.cs(211)",
                    "", "0517B3DB-347D-45A8-9DAB-FD7D1EA7D134", "WARNING", HOSTILE) + "\r\n";
            zip.write(line.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path report = analyze(bundle, "en");
        int before = proxy.requests().size();

        String dom = dumpDom(report);
        assertFalse(dom.contains("<title>pwned"), "no script of the log line ran");
        assertFalse(dom.contains("<img src=\"http://example.invalid"), "the log line made no element");
        assertTrue(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"), "the line shows as text");
        assertTrue(dom.contains("{{7*7}}") && dom.contains("${7*7}"), "template syntax shows as written");
        screenshot(report, "report-hostile.png");
        assertEquals(List.of(), pageRequests(before), "the report made network requests");
    }

    /**
     * Requests since {@code before}, less the two Chromium makes on its own whatever the page (its component
     * updater and its sign-in check, which no switch turns off in headless mode): a report that loaded a font or
     * an image from outside, Google's included, would still show here.
     */
    private static List<String> pageRequests(int before) {
        List<String> all;
        synchronized (proxy.requests()) {
            all = new ArrayList<>(proxy.requests().subList(before, proxy.requests().size()));
        }
        return all.stream().filter(r -> !BROWSER_OWN.matcher(r).find()).toList();
    }

    private static Path analyze(Path bundle, String lang) throws Exception {
        Path out = work.resolve(bundle.getFileName() + "-" + lang);
        int exit = Main.run(new String[] {"analyze", bundle.toString(), "--out", out.toString(), "--lang", lang});
        assertTrue(exit == Main.OK || exit == Main.FINDINGS, "exit " + exit);
        return out.resolve("report.html");
    }

    private static String dumpDom(Path report) throws Exception {
        Path out = work.resolve("dom-" + System.nanoTime() + ".html");
        run(List.of("--dump-dom", report.toUri().toString()), out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Tall enough for the whole sample report, so the screenshot shows every part of it. */
    private static final int HEIGHT = 9000;

    private static Path screenshot(Path report, String name) throws Exception {
        Path dir = buildDir().resolve("report-screenshots");
        Files.createDirectories(dir);
        Path png = dir.resolve(name);
        Files.deleteIfExists(png);
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280," + HEIGHT, "--hide-scrollbars",
                report.toUri().toString()), work.resolve("screenshot.log"));
        assertTrue(Files.size(png) > 10_000, png + " was written");
        return png;
    }

    private static void run(List<String> args, Path stdout) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                "--disable-domain-reliability", "--no-pings", "--disable-client-side-phishing-detection",
                "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,"
                        + "NetworkTimeServiceQuerying,AutofillServerCommunication",
                "--proxy-server=http://127.0.0.1:" + proxy.port(), "--proxy-bypass-list=<-loopback>",
                "--user-data-dir=" + work.resolve("profile"), "--virtual-time-budget=2000"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(work.resolve("chromium.err").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + tail(work.resolve("chromium.err")));
    }

    private static String tail(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** The module's build folder (target, or the -DbuildDir one), found from where the test classes are. */
    private static Path buildDir() throws Exception {
        Path classes = Path.of(BrowserReportTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent();
    }

    private static String findOnPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    /** A proxy that answers nothing and remembers the first line of every request made through it. */
    private static final class CountingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

        CountingProxy() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::accept, "counting-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(2000);
                    requests.add(firstLine(s.getInputStream()));
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    requests.add("unreadable request: " + e);
                }
            }
        }

        private static String firstLine(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n' && sb.length() < 500) {
                sb.append((char) c);
            }
            return sb.toString().strip();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
