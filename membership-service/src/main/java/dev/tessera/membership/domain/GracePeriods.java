package dev.tessera.membership.domain;

import dev.tessera.membership.persistence.MembershipStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Records the end of grace periods. Access already ends with the clock (the grant's {@code valid_until}); this
 * job makes the end a fact of the membership, once per past-due episode: a {@code grace_ended} fact whose id is
 * the grace end itself (the natural key), folded into a history entry, {@code membership.suspended} through the
 * outbox and the tier grant's revocation, all in one transaction under the membership's row lock. Running twice,
 * on two instances at once, or after a crash records nothing twice.
 */
@ApplicationScoped
public class GracePeriods {

    private static final Logger LOG = Logger.getLogger(GracePeriods.class);
    private static final int BATCH = 100;

    private final MembershipStore store;
    private final MembershipService memberships;

    GracePeriods(MembershipStore store, MembershipService memberships) {
        this.store = store;
        this.memberships = memberships;
    }

    @Scheduled(every = "${tessera.membership.grace-check-interval:60s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        int recorded;
        do {
            recorded = endDue();
        } while (recorded == BATCH);
    }

    /**
     * Records the grace ends that are due; public so tests and operators can run it deterministically.
     *
     * @return how many were recorded now
     */
    public int endDue() {
        List<String> due = QuarkusTransaction.requiringNew().call(() -> store.graceEndedCandidates(BATCH));
        int recorded = 0;
        for (String id : due) {
            try {
                // one transaction per membership: one that fails (and is retried next run) holds up no other
                boolean done = QuarkusTransaction.requiringNew().call(() -> store.tryLock(id)
                        .map(memberships::endGrace).orElse(false));
                if (done) {
                    recorded++;
                    LOG.infof("membership %s: grace period over, suspended", id);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "membership %s: could not record the end of its grace period", id);
            }
        }
        return recorded;
    }
}
