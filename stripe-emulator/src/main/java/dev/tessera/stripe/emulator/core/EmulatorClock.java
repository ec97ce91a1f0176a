package dev.tessera.stripe.emulator.core;

import jakarta.inject.Singleton;

/**
 * The emulator's notion of "now", in Unix seconds: wall-clock time plus an offset that only
 * grows. Every {@code created}, period and due date comes from here, so advancing the clock makes
 * subscriptions renew, sessions expire and payouts arrive without waiting.
 */
@Singleton
public class EmulatorClock {
  private volatile long offsetSeconds;

  public long now() {
    return System.currentTimeMillis() / 1000 + offsetSeconds;
  }

  public long offsetSeconds() {
    return offsetSeconds;
  }

  /** Moves "now" forward to {@code instant}; never backwards, so timestamps stay monotonic. */
  public synchronized void moveTo(long instant) {
    long delta = instant - now();
    if (delta > 0) {
      offsetSeconds += delta;
    }
  }

  public synchronized void reset() {
    offsetSeconds = 0;
  }
}
