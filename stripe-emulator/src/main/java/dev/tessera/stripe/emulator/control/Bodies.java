package dev.tessera.stripe.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.Json;

/** JSON bodies of the emulator controls: optional, and an object when present. */
final class Bodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Bodies() {}

  static ObjectNode parse(String body) {
    if (body == null || body.isBlank()) {
      return Json.obj();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isNull()) {
        return Json.obj();
      }
      if (!node.isObject()) {
        throw ApiError.invalid(null, "The request body must be a JSON object.");
      }
      return (ObjectNode) node;
    } catch (java.io.IOException e) {
      throw ApiError.invalid(null, "The request body is not valid JSON.");
    }
  }

  static String text(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Boolean bool(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw ApiError.invalid(field, field + " must be true or false.");
    }
    return v.asBoolean();
  }

  static Long number(ObjectNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw ApiError.invalid(field, field + " must be an integer.");
    }
    return v.asLong();
  }
}
