package dev.tessera.events.ledger;

import static dev.tessera.events.membership.MembershipContractsTest.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Golden samples of ledger.events: each reads into its record and writes back to the same JSON. */
class LedgerContractsTest {

    @Test
    void transactionPostedRoundTripsAndBalances() {
        TransactionPosted data = roundTrip("/golden/ledger/transaction-posted-v1.json", TransactionPosted.class);
        assertThat(data.kind()).isEqualTo("charge");
        assertThat(data.reversesTransactionId()).isNull();
        assertThat(data.entries()).hasSize(4);
        assertThat(data.entries().stream().collect(Collectors.groupingBy(TransactionPosted.Entry::currency,
                Collectors.summingLong(TransactionPosted.Entry::amount)))).containsOnly(
                java.util.Map.entry("EUR", 0L));
    }

    @Test
    void sellerBalanceChangedRoundTrips() {
        SellerBalanceChanged data = roundTrip("/golden/ledger/seller-balance-changed-v1.json",
                SellerBalanceChanged.class);
        assertThat(data.available()).isEqualTo(125_000L);
        assertThat(data.version()).isEqualTo(17L);
    }

    @Test
    void everyTypeIsListedOnce() {
        assertThat(LedgerEventTypes.ALL).doesNotHaveDuplicates().hasSize(2);
    }
}
