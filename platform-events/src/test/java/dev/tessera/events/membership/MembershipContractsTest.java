package dev.tessera.events.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Golden samples of membership.events: each reads into its record and writes back to the same JSON. */
public class MembershipContractsTest {

    @Test
    void membershipChangedRoundTrips() {
        MembershipChanged data = roundTrip("/golden/membership/membership-activated-v1.json", MembershipChanged.class);
        assertThat(data.status()).isEqualTo("active");
        assertThat(data.previousStatus()).isEqualTo("pending");
        assertThat(data.currentPeriodEnd()).isEqualTo(Instant.parse("2026-12-21T10:15:30Z"));
    }

    @Test
    void entitlementChangedRoundTrips() {
        EntitlementChanged data = roundTrip("/golden/membership/entitlement-granted-v1.json", EntitlementChanged.class);
        assertThat(data.resource()).isEqualTo("tier:off_gold");
        assertThat(data.email()).isEqualTo("guest@example.com");
    }

    @Test
    void tierSwitchedRoundTrips() {
        TierSwitched data = roundTrip("/golden/membership/tier-switched-v1.json", TierSwitched.class);
        assertThat(data.fromSubscriptionId()).isEqualTo("sub_old");
        assertThat(data.prorated()).isTrue();
    }

    @Test
    void sellerPlanChangedRoundTrips() {
        SellerPlanChanged data = roundTrip("/golden/membership/seller-plan-changed-v1.json", SellerPlanChanged.class);
        assertThat(data.commissionRateBasisPoints()).isEqualTo(500);
    }

    @Test
    void everyTypeIsListedOnce() {
        assertThat(MembershipEventTypes.ALL).doesNotHaveDuplicates().hasSize(11);
    }

    /** Reads the golden event, converts its data to the record and back, and checks nothing was lost. */
    public static <T> T roundTrip(String path, Class<T> type) {
        String golden = resource(path);
        DomainEvent event = DomainEvent.fromJson(golden);
        T data = event.dataAs(type);
        DomainEvent rewritten = new DomainEvent(event.id(), event.type(), event.version(), event.occurredAt(),
                event.source(), event.subject(), event.causationId(), EventJson.toTree(data));
        assertThat(EventJson.tree(rewritten.toJson())).isEqualTo(EventJson.tree(golden));
        return data;
    }

    static String resource(String path) {
        try (InputStream in = MembershipContractsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
