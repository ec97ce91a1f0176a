package dev.tessera.stripe.emulator.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.stripe.emulator.core.ApiError;
import dev.tessera.stripe.emulator.core.Json;
import dev.tessera.stripe.emulator.core.Params;
import java.util.Map;

/**
 * Stripe's metadata semantics: keys are merged into the existing metadata, a key sent empty
 * is removed, {@code metadata=""} clears everything; at most 50 keys, keys up to 40 characters,
 * values up to 500.
 */
public final class Metadata {
  private Metadata() {}

  public static void apply(ObjectNode target, Params params) {
    if (!params.has("metadata")) {
      return;
    }
    // work on a copy so that an invalid key leaves the object untouched
    ObjectNode metadata = target.has("metadata") && target.get("metadata").isObject()
        ? target.get("metadata").deepCopy() : Json.obj();
    String name = params.name("metadata");
    if (params.isUnset("metadata")) {
      target.set("metadata", Json.obj());
      return;
    }
    Params given = params.map("metadata");
    for (Map.Entry<String, Object> e : given.raw().entrySet()) {
      String key = e.getKey();
      if (!(e.getValue() instanceof String value)) {
        throw ApiError.invalid(name + "[" + key + "]", "Invalid metadata: values must be strings.");
      }
      if (key.length() > 40) {
        throw ApiError.invalid(name + "[" + key + "]",
            "Metadata keys can have a maximum length of 40 characters: " + key);
      }
      if (value.length() > 500) {
        throw ApiError.invalid(name + "[" + key + "]",
            "Metadata values can have a maximum length of 500 characters.");
      }
      if (value.isEmpty()) {
        metadata.remove(key);
      } else {
        metadata.put(key, value);
      }
    }
    if (metadata.size() > 50) {
      throw ApiError.invalid(name, "Metadata can have a maximum of 50 keys.");
    }
    target.set("metadata", metadata);
  }
}
