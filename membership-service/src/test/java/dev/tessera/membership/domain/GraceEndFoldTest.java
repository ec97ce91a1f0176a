package dev.tessera.membership.domain;

import static dev.tessera.membership.domain.MembershipFoldTest.GRACE;
import static dev.tessera.membership.domain.MembershipFoldTest.T0;
import static dev.tessera.membership.domain.MembershipFoldTest.failed;
import static dev.tessera.membership.domain.MembershipFoldTest.paid;
import static dev.tessera.membership.domain.MembershipFoldTest.sub;
import static dev.tessera.membership.domain.MembershipStatus.ACTIVE;
import static dev.tessera.membership.domain.MembershipStatus.PAST_DUE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The end of a grace period in the fold: a history entry once per past-due episode, moot once paid. */
class GraceEndFoldTest {

    static final Instant FAILED_AT = T0.plusSeconds(100);
    static final Instant GRACE_END = FAILED_AT.plus(GRACE);

    static List<String> history(MembershipFold.State state) {
        return state.transitions().stream().map(t -> t.from() + ">" + t.to() + ":" + t.reason()).toList();
    }

    @Test
    void theEndOfTheGracePeriodSuspendsOnceAndIsRecordedInTheHistory() {
        List<Fact> facts = List.of(sub("a", 0, ACTIVE, "active", false), failed("f", 100),
                failed("f-retry", 3 * 86400), Fact.graceEnded(GRACE_END));
        MembershipFold.State state = MembershipFold.fold(facts, GRACE);

        assertThat(state.status()).isEqualTo(PAST_DUE);
        assertThat(state.suspendedAt()).isEqualTo(GRACE_END);
        assertThat(history(state)).containsExactly("null>ACTIVE:subscription_updated",
                "ACTIVE>PAST_DUE:invoice_payment_failed", "PAST_DUE>PAST_DUE:grace_ended");
        assertThat(state.transitions().get(2).causeEventId()).isEqualTo("grace-ended:" + GRACE_END.getEpochSecond());
        assertThat(state.transitions().get(2).effectiveAt()).isEqualTo(GRACE_END);

        // the same end, whatever the order of the facts
        Random random = new Random(3);
        for (int round = 0; round < 20; round++) {
            List<Fact> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            assertThat(MembershipFold.fold(shuffled, GRACE)).isEqualTo(state);
        }
    }

    @Test
    void paidAgainAfterTheSuspensionRenewsAndClearsIt() {
        MembershipFold.State state = MembershipFold.fold(List.of(sub("a", 0, ACTIVE, "active", false), failed("f", 100),
                Fact.graceEnded(GRACE_END), paid("p", 20 * 86400, "subscription_cycle", T0.plus(Duration.ofDays(50)))),
                GRACE);
        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(state.suspendedAt()).isNull();
        assertThat(state.renewals()).isEqualTo(1);
        assertThat(history(state)).endsWith("PAST_DUE>PAST_DUE:grace_ended", "PAST_DUE>ACTIVE:invoice_paid");
    }

    @Test
    void aPaymentMadeBeforeTheEndMakesTheRecordedEndMoot() {
        // the payment's event arrived late, after the job had recorded the end
        MembershipFold.State state = MembershipFold.fold(List.of(sub("a", 0, ACTIVE, "active", false), failed("f", 100),
                Fact.graceEnded(GRACE_END), paid("p", 10 * 86400, "subscription_cycle", T0.plus(Duration.ofDays(40)))),
                GRACE);
        assertThat(state.status()).isEqualTo(ACTIVE);
        assertThat(state.suspendedAt()).isNull();
        assertThat(history(state)).noneMatch(h -> h.endsWith("grace_ended"));
    }

    @Test
    void anEndOfAnEarlierEpisodeNeverSuspendsALaterOne() {
        // failed, paid (late event), failed again two days later: the first episode's end falls inside the second's grace
        MembershipFold.State state = MembershipFold.fold(List.of(sub("a", 0, ACTIVE, "active", false), failed("f1", 100),
                paid("p", 86400, "subscription_cycle", T0.plus(Duration.ofDays(40))), failed("f2", 2 * 86400),
                Fact.graceEnded(GRACE_END)), GRACE);
        assertThat(state.status()).isEqualTo(PAST_DUE);
        assertThat(state.graceUntil()).isEqualTo(T0.plusSeconds(2 * 86400).plus(GRACE));
        assertThat(state.suspendedAt()).isNull();
    }

    @Test
    void whenStripeGivesUpTheEndIsRecordedAtThatMoment() {
        Instant unpaidAt = T0.plusSeconds(5 * 86400);
        // Stripe's unpaid report and the job's record of that end fall in the same second: the end applies
        MembershipFold.State state = MembershipFold.fold(List.of(sub("a", 0, ACTIVE, "active", false), failed("f", 100),
                Fact.graceEnded(unpaidAt), sub("u", 5 * 86400, PAST_DUE, "unpaid", false)), GRACE);
        assertThat(state.graceUntil()).isEqualTo(unpaidAt);
        assertThat(state.suspendedAt()).isEqualTo(unpaidAt);
        // and a grace end never moves a membership that is not past due
        MembershipFold.State active = MembershipFold.fold(List.of(sub("a", 0, ACTIVE, "active", false),
                Fact.graceEnded(T0.plusSeconds(50))), GRACE);
        assertThat(active.status()).isEqualTo(ACTIVE);
        assertThat(active.transitions()).hasSize(1);
    }
}
