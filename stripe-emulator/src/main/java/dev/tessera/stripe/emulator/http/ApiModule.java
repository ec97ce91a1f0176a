package dev.tessera.stripe.emulator.http;

/** A group of Stripe API endpoints; every CDI bean implementing this is mounted under /v1. */
public interface ApiModule {
  void routes(Router router);
}
