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
 * Sends each queued subscription cancellation to Stripe, once: a subscription replaced by a tier switch, or
 * the subscription of a revoked membership (a full refund or a lost dispute must not keep billing). The row is
 * written with the state change that decided it (so a crash cannot lose it), one per subscription whatever
 * the causes, claimed here under a row lock, and marked done in the same transaction as the call. The
 * idempotency key is stored with the row (tier switch: replaced subscription, new membership and proration
 * settings; revocation: membership id + {@code revoke}), so a retry after a lost answer cancels nothing twice.
 * A subscription Stripe no longer has, or has already cancelled, counts as done.
 */
@ApplicationScoped
public class SubscriptionCancellations {

    private static final Logger LOG = Logger.getLogger(SubscriptionCancellations.class);
    private static final int BATCH = 20;

    private final RecordsStore records;
    private final StripeSubscriptions stripe;
    private final MembershipConfig config;

    SubscriptionCancellations(RecordsStore records, StripeSubscriptions stripe, MembershipConfig config) {
        this.records = records;
        this.stripe = stripe;
        this.config = config;
    }

    /** Sends every due cancellation, a batch per transaction; public so tests and operators can drain the queue. */
    @Scheduled(every = "${tessera.membership.cancellation.retry-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sendPending() {
        if (!stripe.configured()) {
            return;
        }
        int sent;
        do {
            sent = QuarkusTransaction.requiringNew().timeout(300).call(this::sendBatch);
        } while (sent == BATCH);
    }

    /** Sends one batch of due cancellations, in the caller's transaction. */
    int sendBatch() {
        List<RecordsStore.Cancellation> due = records.lockDueCancellations(BATCH);
        for (RecordsStore.Cancellation c : due) {
            try {
                stripe.cancel(c.subscriptionId(), c.prorate(), c.invoiceNow(), c.stripeAccount(), c.idempotencyKey());
                records.cancellationDone(c.subscriptionId());
                LOG.infof("cancelled subscription %s at Stripe (%s, membership %s)", c.subscriptionId(), c.cause(),
                        c.replacedByMembershipId() != null ? c.replacedByMembershipId() : c.membershipId());
            } catch (StripeSubscriptions.StripeCallException e) {
                boolean giveUp = e.permanent() || c.attempts() + 1 >= config.cancellation().maxAttempts();
                Duration retryIn = Duration.ofSeconds(Math.min(3600, 5L << Math.min(c.attempts(), 10)));
                records.cancellationFailed(c.subscriptionId(), e.getMessage(), giveUp, retryIn);
                if (giveUp) {
                    LOG.errorf("could not cancel subscription %s (%s), giving up: %s", c.subscriptionId(), c.cause(),
                            e.getMessage());
                } else {
                    LOG.warnf("could not cancel subscription %s (%s), retrying in %s: %s", c.subscriptionId(),
                            c.cause(), retryIn, e.getMessage());
                }
            }
        }
        return due.size();
    }

    /** The key of a tier switch's cancellation (unchanged since switches were sent by their own job). */
    static String tierSwitchKey(String replacedSubscriptionId, String toMembershipId, boolean prorate, boolean invoiceNow) {
        return "tessera-membership:tier-switch:" + replacedSubscriptionId + ":" + toMembershipId + ":prorate=" + prorate
                + ":invoice_now=" + invoiceNow;
    }

    /** The key of a revoked membership's cancellation: the membership id and {@code revoke}. */
    static String revokeKey(String membershipId) {
        return "tessera-membership:" + membershipId + ":revoke";
    }
}
