package dev.bundleanalyzer.serve;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks every request before any handler reads it. With a token, the request must present it: as
 * {@code Authorization: Bearer T}, or in the cookie the page gets once the token was given as {@code ?token=T}.
 * A page on another site must not use the server through the engineer's browser: a request that changes
 * something is refused when its {@code Origin} is another site, and a server on loopback answers only to
 * loopback names (a name that merely resolves to 127.0.0.1 is someone else's page).
 */
final class AccessGuard {

    static final String COOKIE = "bundle_analyzer_token";
    static final String QUERY = "token";
    private static final Pattern LOOPBACK_HOST = Pattern.compile(
            "(localhost|127(\\.\\d{1,3}){3}|\\[::1])(:\\d{1,5})?", Pattern.CASE_INSENSITIVE);

    private final byte[] token;
    private final boolean loopbackOnly;

    AccessGuard(String token, boolean loopbackOnly) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.loopbackOnly = loopbackOnly;
    }

    void register(Javalin app) {
        app.before(this::check);
    }

    private void check(Context ctx) {
        String host = ctx.header("Host");
        if (loopbackOnly && (host == null || !LOOPBACK_HOST.matcher(host).matches())) {
            refuse(ctx, HttpStatus.FORBIDDEN, "this server answers to localhost or 127.0.0.1 only");
            return;
        }
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD") && !sameOrigin(ctx, host)) {
            refuse(ctx, HttpStatus.FORBIDDEN, "a request from another site is refused");
            return;
        }
        if (token == null) {
            return;
        }
        String fromQuery = ctx.queryParam(QUERY);
        if (fromQuery != null && ctx.method().name().equals("GET") && matches(fromQuery)) {
            ctx.header("Set-Cookie", COOKIE + "=" + URLEncoder.encode(fromQuery, StandardCharsets.UTF_8)
                    + "; Path=/; HttpOnly; SameSite=Strict");
            if (!ctx.path().startsWith("/api/")) {
                // the token is not left in the address bar, the history or a pasted link
                ctx.redirect(withoutToken(ctx.path(), ctx.queryString()), HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
            }
            return;
        }
        if (matches(bearer(ctx)) || matches(cookie(ctx))) {
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"bundle-analyzer\"");
        if (!ctx.path().startsWith("/api/") && ctx.method().name().equals("GET")) {
            ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/html; charset=utf-8").result(TOKEN_PAGE);
            ctx.skipRemainingHandlers();
            return;
        }
        refuse(ctx, HttpStatus.UNAUTHORIZED, "a token is required: send Authorization: Bearer <token>");
    }

    /** The address the page was opened with, less its token parameter. */
    static String withoutToken(String path, String query) {
        if (query == null) {
            return path;
        }
        String rest = java.util.Arrays.stream(query.split("&"))
                .filter(p -> !p.equals(QUERY) && !p.startsWith(QUERY + "="))
                .collect(java.util.stream.Collectors.joining("&"));
        return rest.isEmpty() ? path : path + "?" + rest;
    }

    private static void refuse(Context ctx, HttpStatus status, String message) {
        Problems.respond(ctx, status, message);
        ctx.skipRemainingHandlers();
    }

    /** No Origin (curl, a script) counts as the same site; a browser always sends one on POST. */
    private static boolean sameOrigin(Context ctx, String host) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && host != null && authority.toLowerCase(Locale.ROOT)
                    .equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    private static String cookie(Context ctx) {
        String value = ctx.cookie(COOKIE);
        try {
            return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** In constant time, so the answer's timing tells nothing of the token. */
    private boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static final String TOKEN_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Token required - bundle-analyzer</title></head>
            <body><main><h1>Token required</h1>
            <p>This bundle-analyzer server was started with a token. Enter it once; the browser keeps it for this
            site until it is closed.</p>
            <form method="get"><label>Token <input type="password" name="token" autofocus required></label>
            <button type="submit">Open</button></form></main></body></html>
            """;
}
