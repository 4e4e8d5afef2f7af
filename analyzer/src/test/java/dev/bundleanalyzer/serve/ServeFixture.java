package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bundleanalyzer.batch.ReportStore;
import dev.bundleanalyzer.bundle.BundleLimits;
import dev.bundleanalyzer.rules.RuleLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** A server on a free loopback port over a data folder, and the HTTP calls the tests make to it. */
final class ServeFixture implements AutoCloseable {

    static final Path SAMPLES = Path.of("..", "samples");
    static final Path SAMPLE = SAMPLES.resolve("contoso-fs01-bundle.zip");
    static final ObjectMapper JSON = new ObjectMapper();

    final Path data;
    final BundleServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final StringWriter log;
    private final String token;

    private ServeFixture(Path data, BundleServer server, String token, StringWriter log) {
        this.data = data;
        this.server = server;
        this.token = token;
        this.log = log;
    }

    static ServeOptions options(Path data, String token, long maxUploadBytes) {
        return new ServeOptions(data, "127.0.0.1", 0, 2, token, maxUploadBytes, "en", BundleLimits.DEFAULTS, true,
                true);
    }

    /** The real server: the catalogue's rules, analyzed as batch does. */
    static ServeFixture start(Path data, String token, long maxUploadBytes) throws Exception {
        StringWriter log = new StringWriter();
        BundleServer server = BundleServer.start(options(data, token, maxUploadBytes), new RuleLoader().loadCatalogue(),
                new PrintWriter(log, true));
        return new ServeFixture(data, server, token, log);
    }

    static ServeFixture start(Path data) throws Exception {
        return start(data, null, ServeOptions.DEFAULT_MAX_UPLOAD_BYTES);
    }

    /** A server whose analyses are done by {@code analyst}. */
    static ServeFixture start(Path data, Analyst analyst) throws Exception {
        StringWriter log = new StringWriter();
        BundleServer server = BundleServer.start(options(data, null, ServeOptions.DEFAULT_MAX_UPLOAD_BYTES),
                ReportStore.open(data), analyst, new PrintWriter(log, true));
        return new ServeFixture(data, server, null, log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertTrue(r.statusCode() == 200, () -> path + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    HttpResponse<String> upload(Path file) throws IOException, InterruptedException {
        return upload(file, file.getFileName().toString());
    }

    /** POST /api/bundles with the file streamed from disk in the field {@code bundle}. */
    HttpResponse<String> upload(Path file, String name) throws IOException, InterruptedException {
        return http.send(uploadRequest(request("/api/bundles"), file, name), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest uploadRequest(HttpRequest.Builder builder, Path file, String name) throws IOException {
        String boundary = "----bundle" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        return builder.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                        HttpRequest.BodyPublishers.ofFile(file),
                        HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
                .build();
    }

    /** Polls the bundle until its status is one of {@code ends}, and returns it. */
    JsonNode waitFor(String id, Set<String> ends, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = getJson("/api/bundles/" + id);
            if (ends.contains(status.get("status").asText())) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("bundle " + id + " is still " + status + " after " + within + "; server log: " + log);
    }

    JsonNode waitForEnd(String id) throws Exception {
        return waitFor(id, Set.of("done", "failed"), Duration.ofSeconds(120));
    }

    /** Every file under the data folder, relative to it, folders aside. */
    static List<String> files(Path data) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(data)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.add(data.relativize(p).toString()));
        }
        files.sort(null);
        return files;
    }

    @Override
    public void close() {
        server.close();
    }
}
