package dev.tessera.membership.domain;

import dev.tessera.membership.persistence.RecordsStore;
import dev.tessera.membership.stripe.StripeSubscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends the cancellation of each replaced subscription to Stripe, once: the switch row is written with the
 * state change that decided it (so a crash cannot lose it), claimed here under a row lock, and marked done
 * in the same transaction as the call. The idempotency key is derived from the switch (replaced
 * subscription, new membership, proration settings), so a retry after a lost answer cancels nothing twice.
 */
@ApplicationScoped
public class TierSwitches {

    private static final Logger LOG = Logger.getLogger(TierSwitches.class);
    private static final int BATCH = 20;

    private final RecordsStore records;
    private final StripeSubscriptions stripe;
    private final MembershipConfig config;

    TierSwitches(RecordsStore records, StripeSubscriptions stripe, MembershipConfig config) {
        this.records = records;
        this.stripe = stripe;
        this.config = config;
    }

    @Scheduled(every = "${tessera.membership.tier-switch.retry-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendPending() {
        if (!stripe.configured()) {
            return;
        }
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().timeout(300).call(this::sendBatch);
        } while (sent == BATCH);
    }

    /** Sends one batch of due cancellations; public so tests and operators can drain them deterministically. */
    public int sendBatch() {
        List<RecordsStore.TierSwitch> due = records.lockDueSwitches(BATCH);
        for (RecordsStore.TierSwitch s : due) {
            try {
                stripe.cancel(s.replacedSubscriptionId(), s.prorate(), s.invoiceNow(), s.stripeAccount(), idempotencyKey(s));
                records.switchDone(s.replacedSubscriptionId());
                LOG.infof("cancelled replaced subscription %s (membership %s replaces it)", s.replacedSubscriptionId(),
                        s.toMembershipId());
            } catch (StripeSubscriptions.StripeCallException e) {
                boolean giveUp = e.permanent() || s.attempts() + 1 >= config.tierSwitch().maxAttempts();
                Duration retryIn = Duration.ofSeconds(Math.min(3600, 5L << Math.min(s.attempts(), 10)));
                records.switchFailed(s.replacedSubscriptionId(), e.getMessage(), giveUp, retryIn);
                if (giveUp) {
                    LOG.errorf("could not cancel replaced subscription %s, giving up: %s", s.replacedSubscriptionId(),
                            e.getMessage());
                } else {
                    LOG.warnf("could not cancel replaced subscription %s, retrying in %s: %s",
                            s.replacedSubscriptionId(), retryIn, e.getMessage());
                }
            }
        }
        return due.size();
    }

    static String idempotencyKey(RecordsStore.TierSwitch s) {
        return "tessera-membership:tier-switch:" + s.replacedSubscriptionId() + ":" + s.toMembershipId() + ":prorate="
                + s.prorate() + ":invoice_now=" + s.invoiceNow();
    }
}
