package dev.tessera.events.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.DomainEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code membership.suspended} (published by membership-service when a past-due membership's grace period ran
 * out): an additive type of version 1 with the {@link MembershipChanged} payload. The membership stays
 * {@code past_due} (Stripe may still collect; a payment brings {@code membership.renewed}); {@code legacyStatus}
 * is {@code suspended}, {@code reason} {@code grace_ended}, {@code effectiveAt} the end of the grace period.
 */
class MembershipSuspendedContractTest {

    static final String TYPE = "membership.suspended";

    @Test
    void membershipSuspendedRoundTrips() {
        String path = "/golden/membership/membership-suspended-v1.json";
        MembershipChanged data = MembershipContractsTest.roundTrip(path, MembershipChanged.class);
        assertThat(DomainEvent.fromJson(MembershipContractsTest.resource(path)).type()).isEqualTo(TYPE);
        assertThat(data.status()).isEqualTo("past_due");
        assertThat(data.previousStatus()).isEqualTo("past_due");
        assertThat(data.legacyStatus()).isEqualTo("suspended");
        assertThat(data.reason()).isEqualTo("grace_ended");
        assertThat(data.effectiveAt()).isEqualTo(data.graceUntil()).isEqualTo(Instant.parse("2026-12-05T10:15:30Z"));
    }
}
