package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a request cannot do: store a bundle over the size limit, leave anything behind when it is refused or
 * cut off, or reach a file of the server other than a report's three files.
 */
class UploadSafetyTest {

    private static final long LIMIT = 64 << 10;

    @TempDir
    Path data;
    @TempDir
    Path client;

    @Test
    void anUploadOverTheLimitIsRefusedWith413AndLeavesNothing() throws Exception {
        Path big = client.resolve("big.zip");
        byte[] bytes = new byte[(int) LIMIT * 4];
        new Random(7).nextBytes(bytes);
        Files.write(big, bytes);
        try (ServeFixture serve = ServeFixture.start(data, null, LIMIT)) {
            HttpResponse<String> refused = serve.upload(big);
            assertEquals(413, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("--max-upload-bytes"), refused.body());
            assertEquals(List.of(), ServeFixture.files(data), "nothing of the upload is kept");
            assertEquals(0, serve.getJson("/api/bundles").size());
        }
    }

    @Test
    void anUploadOverTheLimitWithoutItsLengthIsStoppedWhileItStreams() throws Exception {
        try (ServeFixture serve = ServeFixture.start(data, null, LIMIT)) {
            // chunked: the server learns the size only as the part arrives, and Jetty stops at the limit
            String boundary = "b0undary";
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"big.zip\""
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n";
            String answer;
            try (Socket socket = new Socket("127.0.0.1", serve.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                chunk(out, head.getBytes(StandardCharsets.US_ASCII));
                byte[] block = new byte[8192];
                try {
                    for (long sent = 0; sent < LIMIT * 4; sent += block.length) {
                        chunk(out, block);
                    }
                    chunk(out, ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closedByServer) {
                    // the server may stop reading once it has answered
                }
                answer = new String(readSome(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            }
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            awaitEmpty(data);
        }
    }

    @Test
    void anUploadCutOffHalfwayLeavesNothing() throws Exception {
        try (ServeFixture serve = ServeFixture.start(data)) {
            String boundary = "b0undary";
            try (Socket socket = new Socket("127.0.0.1", serve.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000\r\n"
                        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n\r\n--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"half.zip\"\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[300_000]);
                out.flush();
                Thread.sleep(300); // the server has started to spool the part
            }
            awaitEmpty(data);
            assertEquals(0, serve.getJson("/api/bundles").size());
        }
    }

    @Test
    void onlyAReportsThreeFilesAreServedAndIdsAreChecked() throws Exception {
        try (ServeFixture serve = ServeFixture.start(data)) {
            String id = ServeFixture.JSON.readTree(serve.upload(ServeFixture.SAMPLE).body()).get("id").asText();
            assertEquals("done", serve.waitForEnd(id).get("status").asText());
            for (String file : List.of("report.html", "findings.json", "summary.md")) {
                assertEquals(200, serve.get("/reports/" + id + "/" + file).statusCode(), file);
            }
            for (String path : List.of("/reports/" + id + "/batch.json", "/reports/" + id + "/index",
                    "/reports/" + id + "/..%2Fbatch.json", "/reports/" + id + "/%2E%2E/" + id + "/report.html",
                    "/reports/" + id.toUpperCase() + "/report.html", "/reports/..%2F.queue/report.html",
                    "/reports/" + "0".repeat(64) + "/report.html", "/api/bundles/..%2F..%2Fetc",
                    "/api/bundles/" + id.substring(1))) {
                int status = serve.get(path).statusCode();
                assertTrue(status == 404 || status == 400, path + " answered " + status);
            }
        }
    }

    private static void chunk(OutputStream out, byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(buffer, n);
    }

    /** Jetty removes a part's spool file when the request ends, which may be a moment after the socket closes. */
    private static void awaitEmpty(Path data) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> files = ServeFixture.files(data);
        while (!files.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            files = ServeFixture.files(data);
        }
        assertEquals(List.of(), files, "nothing of the upload is kept");
    }
}
