package dev.tessera.events.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Golden samples of catalog.events: each reads into its record and writes back to the same JSON. */
class CatalogContractsTest {

    @Test
    void offeringPriceChangeRoundTrips() {
        OfferingChanged data = roundTrip("/golden/catalog/offering-price-changed-v1.json", OfferingChanged.class);
        assertThat(data.price().amountMinor()).isEqualTo(3400L);
        assertThat(data.price().interval()).isEqualTo("month");
        assertThat(data.benefits()).containsExactly("weekly live session", "recordings");
    }

    @Test
    void platformPlanCarriesItsCommission() {
        OfferingChanged data = roundTrip("/golden/catalog/platform-plan-v1.json", OfferingChanged.class);
        assertThat(data.sellerId()).isNull();
        assertThat(data.plan()).isEqualTo("entry");
        assertThat(data.commissionBasisPoints()).isEqualTo(500);
    }

    @Test
    void groupChangedRoundTrips() {
        GroupChanged data = roundTrip("/golden/catalog/group-created-v1.json", GroupChanged.class);
        assertThat(data.status()).isEqualTo("draft");
    }

    @Test
    void couponChangedRoundTripsWithoutFloatingPoint() {
        CouponChanged data = roundTrip("/golden/catalog/coupon-created-v1.json", CouponChanged.class);
        assertThat(data.percentOffBasisPoints()).isEqualTo(1250);
        assertThat(data.amountOffMinor()).isNull();
        assertThat(data.offeringIds()).containsExactly("off_gold", "off_silver");
    }

    @Test
    void everyTypeIsListedOnceAndNamespaced() {
        assertThat(CatalogEventTypes.ALL).doesNotHaveDuplicates().allMatch(type -> type.startsWith("catalog."));
    }

    static <T> T roundTrip(String path, Class<T> type) {
        String golden;
        try (InputStream in = CatalogContractsTest.class.getResourceAsStream(path)) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
        DomainEvent event = DomainEvent.fromJson(golden);
        T data = event.dataAs(type);
        DomainEvent rewritten = new DomainEvent(event.id(), event.type(), event.version(), event.occurredAt(),
                event.source(), event.subject(), event.causationId(), EventJson.toTree(data));
        assertThat(EventJson.tree(rewritten.toJson())).isEqualTo(EventJson.tree(golden));
        return data;
    }
}
