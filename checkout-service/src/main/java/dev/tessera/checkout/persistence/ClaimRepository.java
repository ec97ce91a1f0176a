package dev.tessera.checkout.persistence;

import dev.tessera.checkout.domain.GuestClaim;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class ClaimRepository implements PanacheRepositoryBase<GuestClaim, String> {

    public Optional<GuestClaim> findByTokenForUpdate(String token) {
        return Optional.ofNullable(getEntityManager().find(GuestClaim.class, GuestClaim.hash(token),
                LockModeType.PESSIMISTIC_WRITE));
    }

    public boolean existsForCheckout(String checkoutId) {
        return count("checkoutId", checkoutId) > 0;
    }
}
