package dev.tessera.checkout.persistence;

import dev.tessera.checkout.domain.OfferingPrice;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PriceRepository implements PanacheRepositoryBase<OfferingPrice, String> {

    public OfferingPrice findForUpdate(String id) {
        return getEntityManager().find(OfferingPrice.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** Every price the offering ever had, oldest first. */
    public List<OfferingPrice> history(String offeringId) {
        return list("offeringId", Sort.by("createdAt").and("id"), offeringId);
    }

    /** Superseded prices still active in Stripe: they must be deactivated there. */
    public List<OfferingPrice> supersededButActiveInStripe(String offeringId) {
        return list("offeringId = ?1 and supersededAt is not null and stripeActive = true", offeringId);
    }
}
