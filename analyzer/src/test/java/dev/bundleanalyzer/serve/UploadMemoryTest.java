package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload several times the size of the server's whole heap goes through: the part is spooled to disk as
 * it arrives, never held in memory. The server runs in its own JVM with a small heap, as {@code serve} would.
 */
class UploadMemoryTest {

    private static final String HEAP = "-Xmx96m";
    private static final long UPLOAD = 384L << 20;
    private static final Pattern ADDRESS = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path data;
    @TempDir
    Path logs;

    @Test
    void anUploadFourTimesTheHeapIsSpooledToDisk() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), "dev.bundleanalyzer.cli.Main", "serve", "--data",
                data.toString(), "--port", "0", "--jobs", "1")
                .redirectError(logs.resolve("server.err").toFile()).start();
        try {
            String base = address(server);
            HttpClient http = HttpClient.newHttpClient();
            String boundary = "b0undary";
            HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "api/bundles"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data;"
                                    + " name=\"bundle\"; filename=\"large.zip\"\r\n\r\n"),
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Noise(UPLOAD)),
                            HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                    .timeout(Duration.ofMinutes(3)).build();
            HttpResponse<String> answer = http.send(upload, HttpResponse.BodyHandlers.ofString());
            assertEquals(202, answer.statusCode(), () -> answer.body() + "\n" + serverErr());
            assertTrue(answer.body().contains("\"size\":" + UPLOAD), answer.body());
            assertTrue(server.isAlive(), "the server survived the upload: " + serverErr());
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "api/bundles")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode());
            assertTrue(list.body().contains("large.zip"), list.body());
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static String address(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null, "the server printed no address");
        Matcher m = ADDRESS.matcher(line);
        assertTrue(m.find(), line);
        return m.group(1);
    }

    private String serverErr() {
        try {
            List<String> lines = Files.readAllLines(logs.resolve("server.err"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Bytes that are no archive and do not compress, made as they are read. */
    private static final class Noise extends InputStream {
        private long left;
        private long state = 0x9E3779B97F4A7C15L;

        Noise(long size) {
            left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            left -= n;
            return n;
        }
    }
}
