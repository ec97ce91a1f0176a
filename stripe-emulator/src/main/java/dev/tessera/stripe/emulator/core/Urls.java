package dev.tessera.stripe.emulator.core;

import dev.tessera.stripe.emulator.EmulatorConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Absolute URLs of the emulator's hosted pages (Checkout, onboarding, receipts). */
@Singleton
public class Urls {
  @Inject EmulatorConfig config;
  @Inject RequestContext request;

  @ConfigProperty(name = "quarkus.http.port", defaultValue = "12111")
  int port;

  public String base() {
    if (config.publicBaseUrl().isPresent()) {
      return strip(config.publicBaseUrl().get());
    }
    if (request.baseUrl() != null) {
      return strip(request.baseUrl());
    }
    if (request.lastBaseUrl() != null) {
      return strip(request.lastBaseUrl());
    }
    return "http://localhost:" + port;
  }

  public String of(String path) {
    return base() + path;
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
