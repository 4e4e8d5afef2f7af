package dev.bundleanalyzer.serve;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Error answers, alike everywhere: a JSON object with the status and one sentence a person can act on. */
final class Problems {

    private Problems() {
    }

    static void respond(Context ctx, HttpStatus status, String message) {
        respond(ctx, status, message, Map.of());
    }

    static void respond(Context ctx, HttpStatus status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.getCode());
        body.put("error", message);
        body.putAll(extra);
        ctx.status(status).json(body);
    }
}
