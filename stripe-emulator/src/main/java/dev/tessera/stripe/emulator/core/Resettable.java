package dev.tessera.stripe.emulator.core;

/** State that {@code POST /_emulator/reset} clears; called with the store lock held. */
public interface Resettable {
  void reset();
}
