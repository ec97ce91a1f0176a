package dev.tessera.ingest.domain;

public enum IngestOutcome {
    /** New: stored and queued for publication. */
    STORED,
    /** Already stored: nothing new is published. */
    DUPLICATE,
    /** Of the other mode (live vs test): acknowledged so Stripe stops retrying, not stored. */
    IGNORED_LIVEMODE
}
