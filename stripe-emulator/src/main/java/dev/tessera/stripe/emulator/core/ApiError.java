package dev.tessera.stripe.emulator.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered in Stripe's format: {@code {"error": {"type", "code", "message", "param"}}}.
 * Thrown anywhere inside a request; the dispatcher turns it into the HTTP response, so the
 * handlers stay linear and an error always leaves the store untouched (handlers validate first).
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private final ObjectNode extra = JsonNodeFactory.instance.objectNode();

  public ApiError(int status, String type, String code, String message, String param) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  public static ApiError invalid(String param, String message) {
    return new ApiError(400, "invalid_request_error", "parameter_invalid", message, param);
  }

  /** A request that is well formed but not allowed in the object's current state. */
  public static ApiError state(String code, String message) {
    return new ApiError(400, "invalid_request_error", code, message, null);
  }

  public static ApiError missing(String param) {
    return new ApiError(400, "invalid_request_error", "parameter_missing",
        "Missing required param: " + param + ".", param);
  }

  public static ApiError unknown(String param) {
    return new ApiError(400, "invalid_request_error", "parameter_unknown",
        "Received unknown parameter: " + param, param);
  }

  /** Something Stripe supports but this emulator deliberately does not: say so instead of ignoring it. */
  public static ApiError unsupported(String param, String what) {
    return new ApiError(400, "invalid_request_error", "parameter_unknown",
        "The Stripe emulator does not support " + what + ".", param);
  }

  public static ApiError noSuch(String kind, String id, String param) {
    return new ApiError(404, "invalid_request_error", "resource_missing",
        "No such " + kind + ": '" + id + "'", param);
  }

  public ApiError with(String field, String value) {
    extra.put(field, value);
    return this;
  }

  public ApiError with(String field, com.fasterxml.jackson.databind.JsonNode value) {
    extra.set(field, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public ObjectNode toJson() {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    if (code != null) {
      error.put("code", code);
    }
    error.setAll(extra);
    if (code != null) {
      error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    }
    error.put("message", getMessage());
    if (param != null) {
      error.put("param", param);
    }
    error.put("type", type);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("error", error);
    return root;
  }
}
