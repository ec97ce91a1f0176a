package dev.tessera.events.payout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Golden samples of payout.events: each reads into its record and writes back to the same JSON. */
class PayoutContractsTest {

    @Test
    void payoutPaidRoundTrips() {
        DomainEvent event = event("/golden/payout/payout-paid-v1.json");
        PayoutChanged data = roundTrip(event);

        assertThat(event.type()).isEqualTo(PayoutEventTypes.PAID);
        assertThat(event.subject()).isEqualTo(data.payoutId());
        assertThat(data.failed()).isFalse();
        assertThat(data.amount()).isEqualTo(125000L);
        assertThat(data.arrivalDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(data.failureCode()).isNull();
    }

    @Test
    void payoutFailedRoundTrips() {
        DomainEvent event = event("/golden/payout/payout-failed-v1.json");
        PayoutChanged data = roundTrip(event);

        assertThat(event.type()).isEqualTo(PayoutEventTypes.FAILED);
        assertThat(data.failed()).isTrue();
        assertThat(data.failureCode()).isEqualTo("account_closed");
        assertThat(data.stripePayoutId()).startsWith("po_");
    }

    @Test
    void olderConsumersIgnoreAddedFields() {
        String withExtra = resource("/golden/payout/payout-paid-v1.json")
                .replace("\"status\" : \"paid\",", "\"status\" : \"paid\", \"traceNumber\" : \"T123\",");

        assertThat(DomainEvent.fromJson(withExtra).dataAs(PayoutChanged.class).status()).isEqualTo(PayoutChanged.PAID);
    }

    @Test
    void everyTypeIsListedOnce() {
        assertThat(PayoutEventTypes.ALL).doesNotHaveDuplicates().containsExactly("payout.paid", "payout.failed");
    }

    private static PayoutChanged roundTrip(DomainEvent event) {
        PayoutChanged data = event.dataAs(PayoutChanged.class);
        DomainEvent rewritten = new DomainEvent(event.id(), event.type(), event.version(), event.occurredAt(),
                event.source(), event.subject(), event.causationId(), EventJson.toTree(data));
        assertThat(EventJson.tree(rewritten.toJson())).isEqualTo(EventJson.tree(event.toJson()));
        return data;
    }

    private static DomainEvent event(String path) {
        String golden = resource(path);
        DomainEvent event = DomainEvent.fromJson(golden);
        assertThat(EventJson.tree(event.toJson())).isEqualTo(EventJson.tree(golden));
        return event;
    }

    private static String resource(String path) {
        try (InputStream in = PayoutContractsTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
