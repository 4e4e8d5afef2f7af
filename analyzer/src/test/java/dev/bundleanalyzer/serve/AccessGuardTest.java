package dev.bundleanalyzer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token on every request, the cookie the page gets for it, and requests from other sites. */
class AccessGuardTest {

    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path data;

    @Test
    void everyRequestWithoutTheRightTokenIsRefusedWith401() throws Exception {
        try (ServeFixture serve = ServeFixture.start(data, TOKEN, ServeOptions.DEFAULT_MAX_UPLOAD_BYTES)) {
            HttpClient http = serve.http;
            for (String path : List.of("/api/bundles", "/api/search?q=x", "/api/info", "/reports/" + "a".repeat(64)
                    + "/report.html", "/assets/upload.js")) {
                HttpResponse<String> none = http.send(HttpRequest.newBuilder(serve.uri(path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, none.statusCode(), path);
                assertEquals("Bearer realm=\"bundle-analyzer\"", none.headers().firstValue("WWW-Authenticate")
                        .orElse(null));
                HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(serve.uri(path))
                        .header("Authorization", "Bearer " + TOKEN + "x").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, wrong.statusCode(), path);
            }
            HttpResponse<String> upload = http.send(ServeFixture.uploadRequest(HttpRequest.newBuilder(
                    serve.uri("/api/bundles")), ServeFixture.SAMPLE, "x.zip"), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, upload.statusCode());
            assertEquals(List.of(), ServeFixture.files(data), "a refused upload stores nothing");

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(serve.uri("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, page.statusCode());
            assertTrue(page.body().contains("name=\"token\""), "the page asks for the token");

            assertEquals(200, serve.get("/api/bundles").statusCode(), "the right bearer token is let in");
        }
    }

    @Test
    void theTokenGivenOnceInTheAddressBecomesACookie() throws Exception {
        try (ServeFixture serve = ServeFixture.start(data, TOKEN, ServeOptions.DEFAULT_MAX_UPLOAD_BYTES)) {
            HttpResponse<String> first = serve.http.send(HttpRequest.newBuilder(serve.uri("/?token=" + TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, first.statusCode(), "redirected to the page without the token in its address");
            assertEquals("/", first.headers().firstValue("Location").orElse(null));
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);

            HttpResponse<String> page = serve.http.send(HttpRequest.newBuilder(serve.uri("/"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Upload bundles"));

            HttpResponse<String> search = serve.http.send(HttpRequest.newBuilder(
                    serve.uri("/search?q=level%3AFATAL&token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("/search?q=level%3AFATAL", search.headers().firstValue("Location").orElse(null),
                    "a pasted search keeps its query, not the token");

            HttpResponse<String> wrong = serve.http.send(HttpRequest.newBuilder(serve.uri("/?token=nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
        }
    }

    @Test
    void anotherSitesRequestsAreRefused() throws Exception {
        try (ServeFixture serve = ServeFixture.start(data)) {
            HttpResponse<String> crossSite = serve.http.send(ServeFixture.uploadRequest(HttpRequest.newBuilder(
                    serve.uri("/api/bundles")).header("Origin", "https://evil.example"), ServeFixture.SAMPLE, "x.zip"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, crossSite.statusCode());
            assertEquals(List.of(), ServeFixture.files(data));

            // a name of the attacker's that resolves to 127.0.0.1 (DNS rebinding) reads nothing
            try (Socket socket = new Socket("127.0.0.1", serve.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /api/bundles HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            }
            assertEquals(200, serve.get("/api/bundles").statusCode(), "the server's own address is let in");
        }
    }
}
