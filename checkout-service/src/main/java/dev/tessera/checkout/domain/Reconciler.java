package dev.tessera.checkout.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.checkout.CheckoutConfig;
import dev.tessera.checkout.persistence.CheckoutRepository;
import dev.tessera.runtime.error.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Brings checkouts in flight in line with Stripe, for when an event was lost or a session creation never got its
 * answer: a checkout still {@code creating} repeats its creation (same idempotency key: Stripe returns the session if
 * it exists), one with a session takes the session's state from Stripe.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final CheckoutConfig config;
    private final CheckoutRepository checkouts;
    private final CheckoutService service;
    private final SessionOutcomes outcomes;
    private final StripeSessions stripe;

    Reconciler(CheckoutConfig config, CheckoutRepository checkouts, CheckoutService service, SessionOutcomes outcomes,
               StripeSessions stripe) {
        this.config = config;
        this.checkouts = checkouts;
        this.service = service;
        this.outcomes = outcomes;
        this.stripe = stripe;
    }

    public record Result(String checkoutId, String before, String after, String error) {
    }

    public record Summary(int checked, int changed, int failed, List<Result> results) {
    }

    @Scheduled(every = "${tessera.checkout.reconcile-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!stripe.configured()) {
            return;
        }
        Summary summary = reconcile(config.reconcileAfter(), 200);
        if (summary.checked() > 0) {
            LOG.infof("reconciled %d checkouts in flight: %d changed, %d failed", summary.checked(), summary.changed(),
                    summary.failed());
        }
    }

    /** Reconciles checkouts in flight created more than {@code olderThan} ago, oldest first. */
    public Summary reconcile(Duration olderThan, int limit) {
        List<String> ids = QuarkusTransaction.requiringNew().call(() ->
                checkouts.inFlightCreatedBefore(Instant.now().minus(olderThan), limit));
        List<Result> results = new ArrayList<>();
        for (String id : ids) {
            results.add(reconcileOne(id));
        }
        int changed = (int) results.stream().filter(r -> r.error() == null && !r.before().equals(r.after())).count();
        int failed = (int) results.stream().filter(r -> r.error() != null).count();
        return new Summary(results.size(), changed, failed, results);
    }

    public Result reconcileOne(String checkoutId) {
        Checkout checkout = service.find(checkoutId).orElseThrow(() -> CheckoutService.notFound(checkoutId));
        String before = checkout.status();
        try {
            if (CheckoutStatus.CREATING.equals(before)) {
                service.createSession(checkoutId);
            } else if (checkout.stripeSessionId() != null && checkout.inFlight()) {
                JsonNode session = stripe.retrieve(checkout.stripeSessionId());
                outcomes.applySession(session, null, null, Instant.now());
            }
        } catch (StripeCallException | ProblemException e) {
            String after = service.find(checkoutId).map(Checkout::status).orElse(before);
            return new Result(checkoutId, before, after, e.getMessage());
        }
        return new Result(checkoutId, before, service.find(checkoutId).map(Checkout::status).orElse(before), null);
    }
}
