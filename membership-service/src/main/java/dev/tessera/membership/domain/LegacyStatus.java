package dev.tessera.membership.domain;

import java.time.Instant;

/** The platform's existing group-member gating knows three states; this derives them from billing state. */
public enum LegacyStatus {
    ACTIVE, PENDING, SUSPENDED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * active: paid up, or past due within the grace period; pending: first payment not confirmed;
     * suspended: past due beyond grace, or ended (cancelled, expired, revoked).
     */
    public static LegacyStatus of(MembershipStatus status, Instant graceUntil, Instant now) {
        return switch (status) {
            case ACTIVE -> ACTIVE;
            case PENDING -> PENDING;
            case PAST_DUE -> graceUntil != null && now.isBefore(graceUntil) ? ACTIVE : SUSPENDED;
            case CANCELLED, EXPIRED, REVOKED -> SUSPENDED;
        };
    }
}
