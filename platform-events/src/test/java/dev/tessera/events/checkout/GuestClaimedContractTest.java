package dev.tessera.events.checkout;

import static dev.tessera.events.membership.MembershipContractsTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuestClaimedContractTest {

    @Test
    void guestClaimedRoundTrips() {
        GuestClaimed data = roundTrip("/golden/checkout/guest-claimed-v1.json", GuestClaimed.class);
        assertThat(data.userId()).isEqualTo("usr_7");
        assertThat(data.subscriptionId()).isNull();
    }
}
