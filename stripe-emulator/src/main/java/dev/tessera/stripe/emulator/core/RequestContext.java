package dev.tessera.stripe.emulator.core;

import jakarta.inject.Singleton;

/**
 * What the operation in progress was caused by: an API request (its id and idempotency key end up
 * in each event's {@code request}) or the emulator itself (renewals, expiries: no request id). Set
 * by whoever holds the store lock, so a plain field is enough.
 */
@Singleton
public class RequestContext {
  private String requestId;
  private String idempotencyKey;
  private String baseUrl;
  private volatile String lastBaseUrl;

  public void begin(String requestId, String idempotencyKey, String baseUrl) {
    this.requestId = requestId;
    this.idempotencyKey = idempotencyKey;
    this.baseUrl = baseUrl;
    if (baseUrl != null) {
      lastBaseUrl = baseUrl;
    }
  }

  public void end() {
    begin(null, null, null);
  }

  public String requestId() {
    return requestId;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The base URL of the current request, when there is one. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The base URL of the most recent request, for links made by time-driven work (a renewal
   * invoice's hosted URL) when no request is in progress.
   */
  public String lastBaseUrl() {
    return lastBaseUrl;
  }
}
