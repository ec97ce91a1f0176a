package dev.tessera.stripe.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.RequestContext;
import dev.tessera.stripe.emulator.core.Resettable;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.domain.Checkout;
import dev.tessera.stripe.emulator.domain.Connect;
import dev.tessera.stripe.emulator.domain.Disputes;
import dev.tessera.stripe.emulator.domain.Payments;
import dev.tessera.stripe.emulator.domain.Scheduler;
import dev.tessera.stripe.emulator.webhooks.DeliveryWorker;
import dev.tessera.stripe.emulator.webhooks.WebhookEndpoints;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Emulator-only controls under {@code /_emulator}: what a buyer, a bank or time would do at
 * Stripe (pay, decline, dispute, onboard, let days pass), plus webhook endpoints, delivery
 * switches and reset. JSON in, JSON out; errors in Stripe's format. No API key is needed: these
 * are the test harness's hands, not Stripe's API.
 */
@Path("/_emulator")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ControlResource {
  @Inject Store store;
  @Inject RequestContext context;
  @Inject EmulatorClock clock;
  @Inject Scheduler scheduler;
  @Inject Checkout checkout;
  @Inject Payments payments;
  @Inject Disputes disputes;
  @Inject Connect connect;
  @Inject WebhookEndpoints endpoints;
  @Inject DeliveryWorker delivery;
  @Inject Instance<Resettable> resettables;
  @Context UriInfo uri;

  private Response run(Supplier<JsonNode> action) {
    try {
      JsonNode result = store.locked(() -> {
        String base = uri.getBaseUri().toString();
        context.begin(null, null, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        try {
          return action.get().deepCopy();
        } finally {
          context.end();
        }
      });
      return Response.ok(result).build();
    } catch (ApiError e) {
      return Response.status(e.status()).entity(e.toJson()).build();
    }
  }

  /** The object with this id and type in whichever account's space holds it. */
  private Store.Located locate(String type, String id) {
    Store.Located found = store.locate(id);
    if (found == null || !type.equals(Json.text(found.object(), "object"))) {
      throw ApiError.noSuch(type.replace('_', ' '), id, "id");
    }
    return found;
  }

  @POST
  @Path("reset")
  public Response reset() {
    return run(() -> {
      store.clear();
      clock.reset();
      resettables.forEach(Resettable::reset);
      return Json.obj("reset", true);
    });
  }

  @GET
  @Path("clock")
  public Response clock() {
    return run(() -> Json.obj("now", clock.now(), "offset_seconds", clock.offsetSeconds()));
  }

  @POST
  @Path("clock/advance")
  public Response advance(String body) {
    ObjectNode b = Bodies.parse(body);
    Long seconds = Bodies.number(b, "seconds");
    if (seconds == null || seconds < 0) {
      return Response.status(400).entity(ApiError.invalid("seconds",
          "seconds must be a non-negative integer.").toJson()).build();
    }
    try {
      long now = scheduler.advance(seconds);
      return Response.ok(Json.obj("now", now, "offset_seconds", clock.offsetSeconds())).build();
    } catch (ApiError e) {
      return Response.status(e.status()).entity(e.toJson()).build();
    }
  }

  @POST
  @Path("checkout_sessions/{id}/pay")
  public Response pay(@PathParam("id") String id, String body) {
    ObjectNode b = Bodies.parse(body);
    return run(() -> {
      Store.Located s = locate("checkout.session", id);
      return checkout.pay(s.account(), id, new Checkout.Buyer(Bodies.text(b, "email"), Bodies.text(b, "name"),
          Bodies.text(b, "promotion_code")));
    });
  }

  @POST
  @Path("checkout_sessions/{id}/decline")
  public Response decline(@PathParam("id") String id, String body) {
    ObjectNode b = Bodies.parse(body);
    return run(() -> {
      Store.Located s = locate("checkout.session", id);
      return checkout.decline(s.account(), id, Bodies.text(b, "email"), Bodies.text(b, "decline_code"));
    });
  }

  @POST
  @Path("checkout_sessions/{id}/expire")
  public Response expire(@PathParam("id") String id) {
    return run(() -> checkout.expire(locate("checkout.session", id).account(), id));
  }

  @POST
  @Path("customers/{id}/fail_next_payments")
  public Response failNextPayments(@PathParam("id") String id, String body) {
    ObjectNode b = Bodies.parse(body);
    return run(() -> {
      Store.Located c = locate("customer", id);
      Long count = Bodies.number(b, "count");
      String code = Bodies.text(b, "decline_code");
      if (code == null) {
        code = "generic_decline";
      }
      if (!Payments.isDeclineCode(code)) {
        throw ApiError.invalid("decline_code", "Unsupported decline_code: " + code);
      }
      payments.failNext(c.account(), id, count == null ? 1 : count.intValue(), code);
      return Json.obj("customer", id, "failing_payments", payments.pendingFailures(c.account(), id),
          "decline_code", code);
    });
  }

  @POST
  @Path("charges/{id}/dispute")
  public Response dispute(@PathParam("id") String id, String body) {
    ObjectNode b = Bodies.parse(body);
    return run(() -> {
      Store.Located c = locate("charge", id);
      Map<String, Object> raw = new LinkedHashMap<>();
      if (b.has("amount")) {
        raw.put("amount", String.valueOf(Bodies.number(b, "amount")));
      }
      if (b.has("reason")) {
        raw.put("reason", Bodies.text(b, "reason"));
      }
      return disputes.open(c.account(), id, Params.of(raw));
    });
  }

  @POST
  @Path("disputes/{id}/close")
  public Response closeDispute(@PathParam("id") String id, String body) {
    ObjectNode b = Bodies.parse(body);
    return run(() -> disputes.close(locate("dispute", id).account(), id, Bodies.text(b, "outcome")));
  }

  @POST
  @Path("accounts/{id}/complete_onboarding")
  public Response completeOnboarding(@PathParam("id") String id) {
    return run(() -> connect.completeOnboarding(id));
  }

  @POST
  @Path("payouts/{id}/fail")
  public Response failPayout(@PathParam("id") String id) {
    return run(() -> connect.endPayout(locate("payout", id).account(), id, true));
  }

  @GET
  @Path("webhook_endpoints")
  public Response listEndpoints() {
    return run(() -> {
      ArrayNode data = Json.F.arrayNode();
      endpoints.all().forEach(e -> data.add(endpointJson(e)));
      return Json.obj("object", "list", "data", data);
    });
  }

  @POST
  @Path("webhook_endpoints")
  public Response addEndpoint(String body) {
    ObjectNode b = Bodies.parse(body);
    return run(() -> {
      String url = Bodies.text(b, "url");
      if (url == null) {
        throw ApiError.missing("url");
      }
      try {
        URI parsed = URI.create(url);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
          throw ApiError.invalid("url", "url must be an http(s) URL.");
        }
      } catch (IllegalArgumentException e) {
        throw ApiError.invalid("url", "url must be an http(s) URL.");
      }
      List<String> types = new ArrayList<>();
      JsonNode enabled = b.get("enabled_events");
      if (enabled != null && enabled.isArray()) {
        enabled.forEach(t -> types.add(t.asText()));
      }
      Boolean connectFlag = Bodies.bool(b, "connect");
      WebhookEndpoints.Endpoint e = endpoints.add(url, Bodies.text(b, "secret"),
          connectFlag != null && connectFlag, types);
      return endpointJson(e);
    });
  }

  @DELETE
  @Path("webhook_endpoints/{id}")
  public Response removeEndpoint(@PathParam("id") String id) {
    return run(() -> {
      if (!endpoints.remove(id)) {
        throw ApiError.noSuch("webhook endpoint", id, "id");
      }
      return Json.obj("id", id, "deleted", true);
    });
  }

  private static ObjectNode endpointJson(WebhookEndpoints.Endpoint e) {
    return Json.obj("id", e.id(), "url", e.url(), "secret", e.secret(), "connect", e.connect(),
        "enabled_events", Json.arrOf(e.enabledEvents()), "configured", e.configured());
  }

  @GET
  @Path("delivery")
  public Response deliveryStatus() {
    ObjectNode status = delivery.status();
    ArrayNode attempts = Json.F.arrayNode();
    for (DeliveryWorker.Attempt a : delivery.recentAttempts()) {
      attempts.add(Json.obj("event", a.eventId(), "type", a.type(), "endpoint", a.endpointId(), "url", a.url(),
          "attempt", a.attempt(), "status", a.status(), "error", a.error(), "at_millis", a.atMillis()));
    }
    status.set("recent_attempts", attempts);
    return Response.ok(status).build();
  }

  @POST
  @Path("delivery")
  public Response configureDelivery(String body) {
    try {
      ObjectNode b = Bodies.parse(body);
      delivery.configure(Bodies.bool(b, "duplicate"), Bodies.bool(b, "shuffle"));
      return Response.ok(delivery.status()).build();
    } catch (ApiError e) {
      return Response.status(e.status()).entity(e.toJson()).build();
    }
  }
}
