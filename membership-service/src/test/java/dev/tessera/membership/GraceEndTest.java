package dev.tessera.membership;

import static dev.tessera.membership.StripeData.tier;
import static dev.tessera.membership.StripeData.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.membership.MembershipChanged;
import dev.tessera.membership.domain.GracePeriods;
import dev.tessera.testing.TestJwt;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * When a past-due membership's grace period runs out, the scheduled job records it once: a history entry,
 * {@code membership.suspended}, the tier grant revoked. Paying again renews the membership.
 */
@QuarkusTest
class GraceEndTest {

    @Inject
    DataSource dataSource;

    @Inject
    GracePeriods gracePeriods;

    @Test
    void theEndOfAGracePeriodIsPublishedOnceAsSuspendedAndRecordedInTheHistory() {
        String seller = unique("sel");
        String group = unique("grp");
        String lapsed = unique("usr");
        String inGrace = unique("usr");
        String lapsedSub = unique("sub");
        String inGraceSub = unique("sub");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> lapsedMeta = tier(seller, group, "off_gold", lapsed, unique("chk"));
        Map<String, String> inGraceMeta = tier(seller, group, "off_gold", inGrace, unique("chk"));
        Instant failedAt = now.minus(Duration.ofDays(15));
        Flows.activeSubscription(lapsedSub, lapsedMeta, now.minus(Duration.ofDays(45)));
        Flows.paymentFailed(lapsedSub, lapsedMeta, failedAt);
        Flows.activeSubscription(inGraceSub, inGraceMeta, now.minus(Duration.ofDays(45)));
        Flows.paymentFailed(inGraceSub, inGraceMeta, now.minus(Duration.ofDays(2)));
        String id = Db.membershipOf(dataSource, lapsedSub);
        String inGraceId = Db.membershipOf(dataSource, inGraceSub);
        Db.awaitStatus(dataSource, inGraceSub, "past_due");

        // the job (every second in tests) records the end; running it again, and a Stripe retry's failure
        // arriving later, record nothing more
        Instant graceEnd = failedAt.plus(Duration.ofDays(14));
        Db.awaitValue(() -> Db.text(dataSource, "select suspended_at from membership where id = ?", id), v -> v != null);
        gracePeriods.endDue();
        Flows.paymentFailed(lapsedSub, lapsedMeta, now.minus(Duration.ofDays(5)));
        Db.awaitValue(() -> Db.count(dataSource, "select count(*) from membership_fact where membership_id = ?", id),
                n -> n == 5);
        gracePeriods.endDue();

        assertThat(Db.status(dataSource, lapsedSub)).isEqualTo("past_due");
        List<List<String>> history = Db.rows(dataSource, "select from_status, to_status, reason, cause_event_id from "
                + "membership_transition where membership_id = ? order by seq", id);
        assertThat(history).last().isEqualTo(List.of("past_due", "past_due", "grace_ended",
                "grace-ended:" + graceEnd.getEpochSecond()));
        assertThat(history).filteredOn(row -> row.get(2).equals("grace_ended")).hasSize(1);

        List<DomainEvent> suspended = Flows.awaitEvents(e -> e.type().equals("membership.suspended")
                && id.equals(e.subject()), 1);
        MembershipChanged data = suspended.get(0).dataAs(MembershipChanged.class);
        assertThat(data.status()).isEqualTo("past_due");
        assertThat(data.previousStatus()).isEqualTo("past_due");
        assertThat(data.legacyStatus()).isEqualTo("suspended");
        assertThat(data.reason()).isEqualTo("grace_ended");
        assertThat(data.effectiveAt()).isEqualTo(graceEnd);
        Flows.awaitEvents(e -> e.type().equals("entitlement.revoked") && id.equals(e.data().path("sourceId").asText())
                && "grace_ended".equals(e.data().path("reason").asText()), 1);

        given().auth().oauth2(TestJwt.member(lapsed)).queryParam("resource", "group:" + group).when().get("/access").then()
                .statusCode(200).body("allowed", equalTo(false));
        given().auth().oauth2(TestJwt.member(lapsed)).when().get("/memberships/" + id).then().statusCode(200)
                .body("status", equalTo("past_due")).body("legacyStatus", equalTo("suspended"))
                .body("suspendedAt", equalTo(graceEnd.toString()));
        // still within its grace period: nothing recorded, access kept
        assertThat(Db.text(dataSource, "select suspended_at from membership where id = ?", inGraceId)).isNull();
        given().auth().oauth2(TestJwt.member(inGrace)).queryParam("resource", "group:" + group).when().get("/access")
                .then().statusCode(200).body("allowed", equalTo(true));

        // paid at last: renewed, access back, the suspension is over
        Flows.activeSubscription(lapsedSub, lapsedMeta, now);
        Db.awaitStatus(dataSource, lapsedSub, "active");
        assertThat(Db.text(dataSource, "select suspended_at from membership where id = ?", id)).isNull();
        Flows.awaitEvents(e -> e.type().equals("membership.renewed") && id.equals(e.subject()), 1);
        given().auth().oauth2(TestJwt.member(lapsed)).queryParam("resource", "group:" + group).when().get("/access").then()
                .statusCode(200).body("allowed", equalTo(true));
        assertThat(Flows.awaitEvents(e -> e.type().equals("membership.suspended") && id.equals(e.subject()), 1)).hasSize(1);
    }
}
