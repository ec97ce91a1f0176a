package dev.tessera.membership.domain;

import static dev.tessera.membership.domain.MembershipStatus.ACTIVE;
import static dev.tessera.membership.domain.MembershipStatus.CANCELLED;
import static dev.tessera.membership.domain.MembershipStatus.EXPIRED;
import static dev.tessera.membership.domain.MembershipStatus.PAST_DUE;
import static dev.tessera.membership.domain.MembershipStatus.PENDING;
import static dev.tessera.membership.domain.MembershipStatus.REVOKED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.runtime.error.ErrorCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MembershipFoldTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Duration GRACE = Duration.ofDays(14);

    static Fact sub(String id, long second, MembershipStatus status, String stripeStatus, boolean cancelAtPeriodEnd) {
        int precedence = "unpaid".equals(stripeStatus) ? 3 : status.precedence();
        return Fact.of(id, FactKind.SUBSCRIPTION, T0.plusSeconds(second), status, "subscription_updated")
                .withStripeStatus(stripeStatus, precedence, "unpaid".equals(stripeStatus))
                .withCancelAtPeriodEnd(cancelAtPeriodEnd);
    }

    static Fact paid(String id, long second, String billingReason, Instant periodEnd) {
        return Fact.of(id, FactKind.INVOICE_PAID, T0.plusSeconds(second), ACTIVE, "invoice_paid")
                .withBillingReason(billingReason).withPeriodEnd(periodEnd);
    }

    static Fact failed(String id, long second) {
        return Fact.of(id, FactKind.INVOICE_FAILED, T0.plusSeconds(second), PAST_DUE, "invoice_payment_failed")
                .withBillingReason("subscription_cycle");
    }

    static List<Fact> story() {
        Instant month1 = T0.plus(Duration.ofDays(30));
        Instant month2 = T0.plus(Duration.ofDays(60));
        return List.of(
                Fact.of("evt_checkout", FactKind.CHECKOUT, T0, ACTIVE, "checkout_completed"),
                sub("evt_created", 0, PENDING, "incomplete", false),
                paid("evt_paid_1", 1, "subscription_create", month1),
                sub("evt_updated_active", 1, ACTIVE, "active", false),
                failed("evt_failed", 30L * 86400),
                sub("evt_updated_past_due", 30L * 86400, PAST_DUE, "past_due", false),
                paid("evt_paid_2", 31L * 86400, "subscription_cycle", month2),
                sub("evt_updated_cancel", 40L * 86400, ACTIVE, "active", true),
                Fact.of("evt_deleted", FactKind.SUBSCRIPTION, T0.plus(Duration.ofDays(60)), CANCELLED, "cancellation_requested")
                        .withStripeStatus("canceled", 4, false));
    }

    @Test
    void theWholeStoryInOrder() {
        MembershipFold.State state = MembershipFold.fold(story(), GRACE);

        assertThat(state.status()).isEqualTo(CANCELLED);
        assertThat(state.transitions()).extracting(t -> t.from() + ">" + t.to() + ":" + t.reason()).containsExactly(
                "null>PENDING:subscription_updated",
                "PENDING>ACTIVE:checkout_completed",
                "ACTIVE>PAST_DUE:invoice_payment_failed",
                "PAST_DUE>ACTIVE:invoice_paid",
                "ACTIVE>CANCELLED:cancellation_requested");
        assertThat(state.currentPeriodEnd()).isEqualTo(T0.plus(Duration.ofDays(60)));
        assertThat(state.renewals()).isEqualTo(1);
        assertThat(state.activatedAt()).isEqualTo(T0);
    }

    @Test
    void shuffledAndDuplicatedFactsGiveTheSameStateAndHistory() {
        MembershipFold.State inOrder = MembershipFold.fold(story(), GRACE);
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<Fact> shuffled = new ArrayList<>(story());
            shuffled.addAll(story().subList(0, random.nextInt(story().size())));
            Collections.shuffle(shuffled, random);
            // duplicates of one event are one fact (the database keeps one row per event id)
            List<Fact> distinct = shuffled.stream().distinct().toList();
            assertThat(MembershipFold.fold(distinct, GRACE)).isEqualTo(inOrder);
        }
    }

    @Test
    void pastDueKeepsAccessThroughTheGracePeriodUntilStripeGivesUp() {
        List<Fact> facts = new ArrayList<>(List.of(sub("a", 0, ACTIVE, "active", false), failed("f", 100)));
        MembershipFold.State pastDue = MembershipFold.fold(facts, GRACE);
        assertThat(pastDue.status()).isEqualTo(PAST_DUE);
        assertThat(pastDue.graceUntil()).isEqualTo(T0.plusSeconds(100).plus(GRACE));
        assertThat(LegacyStatus.of(PAST_DUE, pastDue.graceUntil(), T0.plus(Duration.ofDays(13)))).isEqualTo(LegacyStatus.ACTIVE);
        assertThat(LegacyStatus.of(PAST_DUE, pastDue.graceUntil(), T0.plus(Duration.ofDays(15))))
                .isEqualTo(LegacyStatus.SUSPENDED);

        facts.add(sub("u", 200, PAST_DUE, "unpaid", false));
        MembershipFold.State unpaid = MembershipFold.fold(facts, GRACE);
        assertThat(unpaid.status()).isEqualTo(PAST_DUE);
        assertThat(unpaid.graceUntil()).isEqualTo(T0.plusSeconds(200));
    }

    @Test
    void tiesInTheSameSecondAreBrokenByPrecedence() {
        // active and past_due reported in the same second: past_due is later in a life, so it wins either way
        List<Fact> facts = List.of(sub("b", 5, PAST_DUE, "past_due", false), sub("a", 5, ACTIVE, "active", false));
        assertThat(MembershipFold.fold(facts, GRACE).status()).isEqualTo(PAST_DUE);
        // a snapshot fetched from Stripe to decide between equal-precedence snapshots comes last
        Fact one = sub("x", 7, ACTIVE, "active", true);
        Fact other = sub("y", 7, ACTIVE, "active", false);
        assertThat(one.conflictsWith(other)).isTrue();
        Fact snapshot = sub("refetch", 7, ACTIVE, "active", false).asSnapshot("refetch:x", T0.plusSeconds(7));
        assertThat(MembershipFold.fold(List.of(snapshot, one, other), GRACE).cancelAtPeriodEnd()).isFalse();
    }

    @Test
    void endedMembershipsNeverComeBackButCanBeRevoked() {
        List<Fact> facts = List.of(sub("a", 0, ACTIVE, "active", false),
                Fact.of("d", FactKind.SUBSCRIPTION, T0.plusSeconds(10), EXPIRED, "payment_failed"),
                paid("late", 20, "subscription_cycle", T0.plusSeconds(999)),
                Fact.of("r", FactKind.REVOKE, T0.plusSeconds(5), REVOKED, "refunded"));
        MembershipFold.State state = MembershipFold.fold(facts, GRACE);
        assertThat(state.status()).isEqualTo(REVOKED);
        assertThat(state.transitions()).extracting(MembershipFold.Transition::to).containsExactly(ACTIVE, REVOKED);
    }

    @Test
    void transitionTableForbidsGoingBack() {
        assertThat(MembershipTransitions.allowed(ACTIVE, PENDING)).isFalse();
        assertThat(MembershipTransitions.allowed(CANCELLED, ACTIVE)).isFalse();
        assertThat(MembershipTransitions.allowed(REVOKED, CANCELLED)).isFalse();
        assertThat(MembershipTransitions.allowed(PAST_DUE, ACTIVE)).isTrue();
        assertThat(MembershipTransitions.allowed(null, CANCELLED)).isTrue();
    }

    @Test
    void errorCodesFollowThePlatformRules() {
        ErrorCodes.verify(MembershipErrorCode.class);
    }
}
