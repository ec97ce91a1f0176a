package dev.tessera.events.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Golden samples of checkout.events written by checkout-service: each reads into its record and back unchanged. */
class CheckoutContractsTest {

    @Test
    void checkoutChangedRoundTrips() {
        CheckoutChanged data = roundTrip("/golden/checkout/checkout-completed-v1.json", CheckoutChanged.class);
        assertThat(data.status()).isEqualTo("completed");
        assertThat(data.amountTotalMinor()).isEqualTo(2610L);
        assertThat(data.paymentIntentId()).isNull();
        assertThat(data.expiresAt()).isEqualTo(Instant.parse("2026-11-21T11:10:00Z"));
    }

    @Test
    void guestClaimIssuedRoundTrips() {
        GuestClaimIssued data = roundTrip("/golden/checkout/guest-claim-issued-v1.json", GuestClaimIssued.class);
        assertThat(data.claimUrl()).endsWith(data.claimToken());
        assertThat(data.groupId()).isNull();
    }

    @Test
    void everyTypeIsListedOnceAndNamespaced() {
        assertThat(CheckoutEventTypes.ALL).doesNotHaveDuplicates().allMatch(type -> type.startsWith("checkout."));
        assertThat(CheckoutEventTypes.ALL).contains(GuestClaimed.TYPE, GuestClaimIssued.TYPE);
    }

    static <T> T roundTrip(String path, Class<T> type) {
        String golden = resource(path);
        DomainEvent event = DomainEvent.fromJson(golden);
        T data = event.dataAs(type);
        DomainEvent rewritten = new DomainEvent(event.id(), event.type(), event.version(), event.occurredAt(),
                event.source(), event.subject(), event.causationId(), EventJson.toTree(data));
        assertThat(EventJson.tree(rewritten.toJson())).isEqualTo(EventJson.tree(golden));
        return data;
    }

    static String resource(String path) {
        try (InputStream in = CheckoutContractsTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
