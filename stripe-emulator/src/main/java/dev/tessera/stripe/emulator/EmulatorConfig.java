package dev.tessera.stripe.emulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration under {@code tessera.emulator.*}; see the module README for every key. */
@ConfigMapping(prefix = "tessera.emulator")
public interface EmulatorConfig {

  /**
   * The address browsers and services use to reach the emulator, for hosted page URLs
   * ({@code checkout.session.url}, account links). Unset: taken from each request's Host.
   */
  Optional<String> publicBaseUrl();

  /** The id answered for the platform account by {@code GET /v1/account}. */
  @WithDefault("acct_1TesseraPlatform0")
  String platformAccountId();

  /** Webhook endpoints known at start; more can be added at runtime. */
  List<Endpoint> webhookEndpoints();

  Delivery delivery();

  Fees fees();

  Billing billing();

  /** How often time-driven work (expiries, renewals, payouts) is checked against the clock. */
  @WithDefault("PT1S")
  Duration tickInterval();

  /** How many idempotency keys are remembered (Stripe keeps them 24 h; so does the emulator). */
  @WithDefault("5000")
  int idempotencyKeys();

  interface Endpoint {
    String url();

    /** The signing secret ({@code whsec_...}) the receiver verifies with. */
    String secret();

    /** True for a Connect endpoint: it receives events of connected accounts, and only those. */
    @WithDefault("false")
    boolean connect();

    /** Event types to deliver; {@code *} for all. */
    @WithDefault("*")
    List<String> enabledEvents();
  }

  interface Delivery {
    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** Stripe gives up on an event after three days of failed attempts. */
    @WithDefault("P3D")
    Duration giveUpAfter();

    @WithDefault("PT10S")
    Duration timeout();

    /** Deliver every event twice (Stripe's at-least-once delivery made visible). */
    @WithDefault("false")
    boolean duplicate();

    /** Deliver events in random order: each is held back a random time within the shuffle window. */
    @WithDefault("false")
    boolean shuffle();

    @WithDefault("PT0.5S")
    Duration shuffleWindow();
  }

  interface Fees {
    /** Card processing fee, percent part, in basis points (290 = 2.9 %). */
    @WithDefault("290")
    long percentBasisPoints();

    /** Card processing fee, fixed part, in minor units of the charge currency. */
    @WithDefault("30")
    long fixed();

    /** Dispute fee in minor units of the charge currency. */
    @WithDefault("1500")
    long dispute();

    /** Days until a charge's funds become available. */
    @WithDefault("2")
    int availableAfterDays();

    /** Days until a payout arrives. */
    @WithDefault("2")
    int payoutArrivalDays();
  }

  interface Billing {
    /** Days after the previous failed attempt at which an unpaid renewal invoice is retried. */
    @WithDefault("3,5,7")
    List<Integer> retryDays();

    /** What happens to a subscription when every retry failed: {@code cancel} or {@code unpaid}. */
    @WithDefault("cancel")
    String afterRetries();

    /** Days a customer has to answer a dispute ({@code evidence_details.due_by}). */
    @WithDefault("7")
    int disputeResponseDays();
  }
}
