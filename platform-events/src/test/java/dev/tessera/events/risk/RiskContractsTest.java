package dev.tessera.events.risk;

import static dev.tessera.events.membership.MembershipContractsTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RiskContractsTest {

    @Test
    void refundIssuedRoundTrips() {
        RefundIssued data = roundTrip("/golden/risk/refund-issued-v1.json", RefundIssued.class);
        assertThat(data.full()).isTrue();
        assertThat(data.amount()).isEqualTo(2900L);
    }

    @Test
    void disputeClosedRoundTrips() {
        DisputeClosed data = roundTrip("/golden/risk/dispute-closed-v1.json", DisputeClosed.class);
        assertThat(data.lost()).isTrue();
    }
}
