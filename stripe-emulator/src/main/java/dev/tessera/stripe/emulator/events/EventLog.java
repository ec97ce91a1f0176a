package dev.tessera.stripe.emulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.RequestContext;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.webhooks.DeliveryWorker;
import dev.tessera.stripe.emulator.webhooks.WebhookEndpoints;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Records an Event for every state change and hands it to webhook delivery once the operation
 * that caused it has finished (so a receiver that refetches the object sees the new state).
 */
@Singleton
public class EventLog {
  public static final String API_VERSION = "2026-07-29.dahlia";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Inject Store store;
  @Inject EmulatorClock clock;
  @Inject RequestContext request;
  @Inject WebhookEndpoints endpoints;
  @Inject DeliveryWorker delivery;

  /** An event about {@code object} in {@code account}'s space (null: the platform). */
  public ObjectNode emit(String account, String type, ObjectNode object) {
    return emit(account, type, object, null);
  }

  /**
   * An event with the object's state now and, for updates, the top-level fields that changed
   * with their previous values.
   */
  public ObjectNode emit(String account, String type, ObjectNode object, ObjectNode previousAttributes) {
    List<WebhookEndpoints.Endpoint> targets = endpoints.matching(account, type);
    ObjectNode data = Json.obj("object", object.deepCopy());
    if (previousAttributes != null) {
      data.set("previous_attributes", previousAttributes);
    }
    ObjectNode event = Json.obj("id", Ids.next("evt"), "object", "event");
    if (account != null) {
      event.put("account", account);
    }
    Json.set(event, "api_version", API_VERSION);
    Json.set(event, "created", clock.now());
    event.set("data", data);
    Json.set(event, "livemode", false);
    Json.set(event, "pending_webhooks", targets.size());
    event.set("request", Json.obj("id", request.requestId(), "idempotency_key", request.idempotencyKey()));
    Json.set(event, "type", type);
    store.put(account, event);
    if (!targets.isEmpty()) {
      String payload;
      try {
        payload = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(event);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      String eventId = Json.text(event, "id");
      store.afterCommit(() -> delivery.enqueue(targets, account, eventId, type, payload));
    }
    return event;
  }

  /** An update event whose previous attributes are the fields that differ from {@code before}. */
  public ObjectNode updated(String account, String type, ObjectNode before, ObjectNode after) {
    ObjectNode previous = Json.diff(before, after);
    return emit(account, type, after, previous);
  }
}
