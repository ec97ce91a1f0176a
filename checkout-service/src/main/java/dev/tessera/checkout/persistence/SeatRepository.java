package dev.tessera.checkout.persistence;

import dev.tessera.checkout.domain.Seat;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SeatRepository implements PanacheRepositoryBase<Seat, Long> {

    /**
     * Seats of the offering that count against its capacity: confirmed ones, and holds that have not lapsed. A hold
     * whose session expired long ago no longer counts even if its expiry event has not arrived yet.
     */
    public long taken(String offeringId, Instant now) {
        Number sum = (Number) getEntityManager().createQuery(
                        "select coalesce(sum(s.quantity), 0) from Seat s where s.offeringId = :offering"
                                + " and (s.state = 'confirmed' or (s.state = 'held' and (s.heldUntil is null or s.heldUntil > :now)))")
                .setParameter("offering", offeringId)
                .setParameter("now", now)
                .getSingleResult();
        return sum.longValue();
    }

    /** Whether the holder already has a confirmed place in the group (an existing member). */
    public boolean isMemberOfGroup(String holder, String groupId) {
        return count("holder = ?1 and groupId = ?2 and state = 'confirmed'", holder, groupId) > 0;
    }

    public Optional<Seat> findByCheckout(String checkoutId) {
        return find("checkoutId", checkoutId).firstResultOptional();
    }

    public List<Seat> findBySubscription(String subscriptionId) {
        return list("subscriptionId", subscriptionId);
    }
}
