package dev.tessera.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON over HTTP/1.1 with a bearer token, for the services' APIs and the emulator's controls. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** An answer: status, raw body and the body as JSON ({@link MissingNode} when it is not JSON). */
    public record Answer(String method, String url, int status, String text, JsonNode json) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The JSON body of a 2xx answer; an AssertionError naming the call otherwise. */
        public JsonNode require() {
            if (!ok()) {
                throw new AssertionError(method + " " + url + " answered " + status + ": " + abbreviate(text));
            }
            return json;
        }

        /** Fails unless the answer has {@code expected} status. */
        public Answer expect(int expected) {
            if (status != expected) {
                throw new AssertionError(method + " " + url + " answered " + status + " (expected " + expected + "): "
                        + abbreviate(text));
            }
            return this;
        }

        @Override
        public String toString() {
            return method + " " + url + " -> " + status + " " + abbreviate(text);
        }
    }

    public static Answer get(String url, String token) {
        return send("GET", url, token, null);
    }

    /** A text resource such as Prometheus metrics ({@code Accept: text/plain}). */
    public static String text(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "text/plain").GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + url, e);
        }
    }

    public static Answer post(String url, String token, Object body) {
        return send("POST", url, token, body);
    }

    public static Answer delete(String url, String token) {
        return send("DELETE", url, token, null);
    }

    /** {@code body}: null, a JSON string, or anything Jackson writes. */
    public static Answer send(String method, String url, String token, Object body) {
        String payload;
        try {
            payload = body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + body, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(payload));
        if (payload != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(method, url, response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + url, e);
        }
    }

    /** A status code, or 0 if nothing answers (for readiness probes). */
    public static int probe(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 600 ? flat : flat.substring(0, 600) + "...";
    }
}
