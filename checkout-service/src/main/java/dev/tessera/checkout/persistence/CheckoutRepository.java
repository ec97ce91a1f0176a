package dev.tessera.checkout.persistence;

import dev.tessera.checkout.domain.Checkout;
import dev.tessera.checkout.domain.CheckoutStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class CheckoutRepository implements PanacheRepositoryBase<Checkout, String> {

    public Optional<Checkout> findForUpdate(String id) {
        return Optional.ofNullable(getEntityManager().find(Checkout.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The checkout an idempotency key currently stands for. */
    public Optional<Checkout> findByRequestKey(String buyerScope, String requestKey) {
        return find("buyerScope = ?1 and requestKey = ?2 and requestKeyActive = true", buyerScope, requestKey)
                .firstResultOptional();
    }

    public Optional<String> idBySession(String sessionId) {
        return find("stripeSessionId", sessionId).firstResultOptional().map(Checkout::id);
    }

    /** Checkouts still in flight that were created before {@code before}, oldest first. */
    public List<String> inFlightCreatedBefore(Instant before, int limit) {
        return find("status in ?1 and createdAt < ?2", Sort.by("createdAt"), CheckoutStatus.IN_FLIGHT, before)
                .page(0, limit).stream().map(Checkout::id).toList();
    }

    /** Open checkouts using the coupon: each may still become a redemption. */
    public long countInFlightWithCoupon(String couponId, Instant now) {
        return count("couponId = ?1 and status in ?2 and expiresAt > ?3", couponId, CheckoutStatus.IN_FLIGHT, now);
    }
}
