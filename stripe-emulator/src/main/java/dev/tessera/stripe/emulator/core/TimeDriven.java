package dev.tessera.stripe.emulator.core;

import java.util.OptionalLong;

/**
 * Work that happens when the emulator clock passes a moment: renewals, retries, expiries,
 * arrivals. Called with the store lock held; {@link #runDue} must move every item it handles past
 * {@code now}, so that advancing the clock always terminates.
 */
public interface TimeDriven {
  /** The earliest moment at which this component has work, if any. */
  OptionalLong nextDue();

  /** Performs all work due at or before {@code now}. */
  void runDue(long now);
}
