package dev.tessera.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Realistic Stripe events for tests, built from Stripe's own example objects in
 * {@code shared/stripe/fixtures3.json} (found by walking up from the working directory).
 */
public final class StripeEventFixtures {

    public static final String API_VERSION = "2026-07-29.dahlia";

    private static volatile JsonNode resources;

    private StripeEventFixtures() {
    }

    /** A fresh copy of Stripe's example object of a resource ("charge", "checkout.session", ...). */
    public static ObjectNode object(String resource) {
        JsonNode example = resources().get(resource);
        if (example == null) {
            throw new IllegalArgumentException("no fixture for resource " + resource);
        }
        return example.deepCopy();
    }

    /** Every resource name in the fixtures. */
    public static List<String> resourceNames() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = resources().fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Starts an event of {@code type} around {@code object}, with a fresh id, created now, test mode. */
    public static Builder event(String type, JsonNode object) {
        return new Builder(type, object);
    }

    public static final class Builder {
        private final ObjectNode event = EventJson.mapper().createObjectNode();

        private Builder(String type, JsonNode object) {
            event.put("id", "evt_test_" + UUID.randomUUID().toString().replace("-", ""));
            event.put("object", "event");
            event.put("api_version", API_VERSION);
            event.put("created", Instant.now().getEpochSecond());
            event.putObject("data").set("object", object);
            event.put("livemode", false);
            event.put("pending_webhooks", 1);
            event.putObject("request").putNull("id").putNull("idempotency_key");
            event.put("type", type);
        }

        public Builder id(String id) {
            event.put("id", id);
            return this;
        }

        public Builder account(String account) {
            event.put("account", account);
            return this;
        }

        public Builder livemode(boolean livemode) {
            event.put("livemode", livemode);
            return this;
        }

        public Builder created(Instant created) {
            event.put("created", created.getEpochSecond());
            return this;
        }

        public String id() {
            return event.get("id").asText();
        }

        public ObjectNode node() {
            return event.deepCopy();
        }

        public String json() {
            return EventJson.write(event);
        }
    }

    private static JsonNode resources() {
        JsonNode loaded = resources;
        if (loaded == null) {
            synchronized (StripeEventFixtures.class) {
                if (resources == null) {
                    resources = load();
                }
                loaded = resources;
            }
        }
        return loaded;
    }

    private static JsonNode load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/stripe/fixtures3.json");
            if (Files.exists(candidate)) {
                try {
                    return EventJson.mapper().readTree(candidate.toFile()).get("resources");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/stripe/fixtures3.json not found above " + Path.of("").toAbsolutePath());
    }
}
