package dev.tessera.events.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Golden sample of {@code dispute.opened}: reads into its record and writes back to the same JSON. */
class DisputeOpenedContractTest {

    @Test
    void disputeOpenedRoundTrips() {
        String golden = resource("/golden/risk/dispute-opened-v1.json");
        DomainEvent event = DomainEvent.fromJson(golden);

        DisputeOpened data = event.dataAs(DisputeOpened.class);
        DomainEvent rewritten = new DomainEvent(event.id(), event.type(), event.version(), event.occurredAt(),
                event.source(), event.subject(), event.causationId(), EventJson.toTree(data));

        assertThat(EventJson.tree(rewritten.toJson())).isEqualTo(EventJson.tree(golden));
        assertThat(event.type()).isEqualTo(DisputeOpened.TYPE);
        assertThat(event.version()).isEqualTo(DisputeOpened.VERSION);
        assertThat(event.subject()).isEqualTo(data.disputeId());
        assertThat(data.evidenceDueBy()).isEqualTo(Instant.parse("2026-12-01T23:59:59Z"));
        assertThat(data.amount()).isEqualTo(1000L);
        assertThat(data.sellerId()).isEqualTo("sel_42");
    }

    @Test
    void itsDisputeIdIsTheOneDisputeClosedUses() {
        DisputeOpened opened = DomainEvent.fromJson(resource("/golden/risk/dispute-opened-v1.json"))
                .dataAs(DisputeOpened.class);
        DisputeClosed closed = DomainEvent.fromJson(resource("/golden/risk/dispute-closed-v1.json"))
                .dataAs(DisputeClosed.class);

        assertThat(opened.disputeId()).isEqualTo(closed.disputeId());
        assertThat(opened.chargeId()).isEqualTo(closed.chargeId());
    }

    private static String resource(String path) {
        try (InputStream in = DisputeOpenedContractTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
