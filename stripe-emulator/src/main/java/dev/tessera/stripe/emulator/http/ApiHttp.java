package dev.tessera.stripe.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.EmulatorConfig;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.EmulatorClock;
import dev.tessera.stripe.emulator.core.Expander;
import dev.tessera.stripe.emulator.core.FormParser;
import dev.tessera.stripe.emulator.core.Ids;
import dev.tessera.stripe.emulator.core.Params;
import dev.tessera.stripe.emulator.core.RequestContext;
import dev.tessera.stripe.emulator.core.Store;
import dev.tessera.stripe.emulator.events.EventLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The Stripe API door: {@code /v1/*} on the Vert.x router (not JAX-RS, so the raw form body and
 * headers are seen exactly as sent). In order: authentication, parameters, {@code Stripe-Account},
 * idempotency, routing, the handler under the store lock, {@code expand[]}, and Stripe's error
 * format for anything that goes wrong.
 */
@Singleton
public class ApiHttp {
  private static final Logger LOG = Logger.getLogger(ApiHttp.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Inject Instance<ApiModule> modules;
  @Inject Store store;
  @Inject RequestContext context;
  @Inject Expander expander;
  @Inject IdempotencyCache idempotency;
  @Inject EmulatorClock clock;
  @Inject EmulatorConfig config;

  private final Router router = new Router();

  void mount(@Observes io.vertx.ext.web.Router vertx) {
    for (ApiModule m : modules) {
      m.routes(router);
    }
    vertx.route("/v1/*")
        .handler(BodyHandler.create().setBodyLimit(1024 * 1024).setHandleFileUploads(false))
        .blockingHandler(this::handle, false);
  }

  private record Answer(int status, byte[] body, Map<String, String> headers) {}

  void handle(RoutingContext ctx) {
    String requestId = Ids.requestId();
    HttpServerRequest req = ctx.request();
    String method = req.method().name();
    String path = req.path();
    Answer answer;
    try {
      answer = dispatch(ctx, requestId, method, path);
    } catch (ApiError e) {
      answer = new Answer(e.status(), write(e.toJson()), Map.of());
    } catch (RuntimeException e) {
      LOG.errorf(e, "unexpected failure on %s %s", method, path);
      ApiError error = new ApiError(500, "api_error", null,
          "An unexpected error occurred in the Stripe emulator (" + requestId + ").", null);
      answer = new Answer(500, write(error.toJson()), Map.of());
    }
    var response = ctx.response().setStatusCode(answer.status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Request-Id", requestId)
        .putHeader("Stripe-Version", EventLog.API_VERSION);
    answer.headers.forEach(response::putHeader);
    response.end(Buffer.buffer(answer.body));
  }

  private Answer dispatch(RoutingContext ctx, String requestId, String method, String path) {
    HttpServerRequest req = ctx.request();
    authenticate(req.getHeader("Authorization"));
    Map<String, Object> raw = FormParser.parse(req.query());
    if ("POST".equals(method) && ctx.body() != null && ctx.body().length() > 0) {
      raw.putAll(FormParser.parse(ctx.body().asString(StandardCharsets.UTF_8.name())));
    }
    Params all = Params.of(raw);
    String idempotencyKey = "POST".equals(method) ? req.getHeader("Idempotency-Key") : null;
    if (idempotencyKey != null && idempotencyKey.length() > 255) {
      throw new ApiError(400, "invalid_request_error", null,
          "Invalid Idempotency-Key: must be 255 characters or fewer.", null);
    }
    String baseUrl = req.scheme() + "://" + req.getHeader("Host");

    return store.locked(() -> {
      String account = account(req.getHeader("Stripe-Account"));
      String fingerprint = all.canonical();
      if (idempotencyKey != null) {
        IdempotencyCache.Saved saved = idempotency.find(account, idempotencyKey);
        if (saved != null) {
          return replay(saved, method, path, fingerprint, idempotencyKey);
        }
      }
      Router.Match match = router.match(method, path);
      if (match == null) {
        throw new ApiError(404, "invalid_request_error", null, "Unrecognized request URL (" + method + ": "
            + path + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.", null);
      }
      List<String> expand = all.stringList("expand");
      Expander.precheck(expand);
      Map<String, Object> handlerParams = new LinkedHashMap<>(raw);
      handlerParams.remove("expand");
      int status = 200;
      byte[] body;
      context.begin(requestId, idempotencyKey, baseUrl);
      try {
        JsonNode result = match.handler().handle(
            new Call(method, path, account, Params.of(handlerParams), match.vars())).deepCopy();
        expander.expand(account, result, expand);
        body = write(result);
      } catch (ApiError e) {
        status = e.status();
        body = write(e.toJson());
        if (status != 402) {
          // validation errors are not saved: the caller may fix the request and reuse the key
          throw e;
        }
      } finally {
        context.end();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (idempotencyKey != null) {
        idempotency.save(account, idempotencyKey,
            new IdempotencyCache.Saved(method, path, fingerprint, status, body, requestId, clock.now()));
        headers.put("Idempotency-Key", idempotencyKey);
      }
      return new Answer(status, body, headers);
    });
  }

  private Answer replay(IdempotencyCache.Saved saved, String method, String path, String fingerprint, String key) {
    if (!saved.method().equals(method) || !saved.path().equals(path)) {
      throw new ApiError(400, "idempotency_error", null,
          "Keys for idempotent requests can only be used for the same endpoint they were first used for ('"
              + saved.path() + "' vs '" + path + "'). Try using a key other than '" + key
              + "' if you meant to execute a different request.", null);
    }
    if (!saved.fingerprint().equals(fingerprint)) {
      throw new ApiError(400, "idempotency_error", null,
          "Keys for idempotent requests can only be used with the same parameters they were first used with. "
              + "Try using a key other than '" + key + "' if you meant to execute a different request.", null);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", key);
    headers.put("Idempotent-Replayed", "true");
    headers.put("Original-Request", saved.requestId());
    return new Answer(saved.status(), saved.body(), headers);
  }

  /** Test-mode secret or restricted keys only: the emulator must never be mistaken for live Stripe. */
  private static void authenticate(String authorization) {
    String key = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = authorization.substring(7).trim();
    } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
            StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        key = colon >= 0 ? decoded.substring(0, colon) : decoded;
      } catch (IllegalArgumentException e) {
        key = "";
      }
    }
    if (key == null || key.isEmpty()) {
      throw new ApiError(401, "invalid_request_error", null,
          "You did not provide an API key. You need to provide your API key in the Authorization header, "
              + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
              + "https://stripe.com/docs/api#authentication for details, or we can help at "
              + "https://support.stripe.com/.", null);
    }
    if (!(key.startsWith("sk_test_") || key.startsWith("rk_test_")) || key.length() < 9) {
      throw new ApiError(401, "invalid_request_error", "api_key_invalid",
          "Invalid API Key provided: " + mask(key), null);
    }
  }

  static String mask(String key) {
    if (key.length() <= 12) {
      return "*".repeat(key.length());
    }
    return key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4);
  }

  /** The connected account named by {@code Stripe-Account}; null for the platform itself. */
  private String account(String header) {
    if (header == null || header.isBlank() || header.equals(config.platformAccountId())) {
      return null;
    }
    ObjectNode acct = store.get(null, "account", header.trim());
    if (acct == null) {
      throw new ApiError(403, "invalid_request_error", "account_invalid",
          "The provided key does not have access to account '" + header
              + "' (or that account does not exist). Application access may have been revoked.", null);
    }
    return header.trim();
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
