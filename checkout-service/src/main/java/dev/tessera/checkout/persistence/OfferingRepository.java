package dev.tessera.checkout.persistence;

import dev.tessera.checkout.domain.Offering;
import dev.tessera.checkout.domain.SyncState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class OfferingRepository implements PanacheRepositoryBase<Offering, String> {

    /** Loads the offering with a row lock: checkouts of one offering serialize on it (capacity, idempotency). */
    public Optional<Offering> findForUpdate(String id) {
        return Optional.ofNullable(getEntityManager().find(Offering.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Offering> findByPlanCode(String planCode) {
        return find("planCode", planCode).firstResultOptional();
    }

    public List<Offering> platformPlans(List<String> statuses) {
        return list("kind = 'platform_plan' and status in ?1", Sort.by("id"), statuses);
    }

    /** Offerings filtered by seller, group and kind (each optional), in the given statuses. */
    public List<Offering> search(String sellerId, String groupId, String kind, List<String> statuses, int limit) {
        StringBuilder query = new StringBuilder("status in :statuses");
        Parameters params = Parameters.with("statuses", statuses);
        if (sellerId != null) {
            query.append(" and sellerId = :sellerId");
            params.and("sellerId", sellerId);
        }
        if (groupId != null) {
            query.append(" and groupId = :groupId");
            params.and("groupId", groupId);
        }
        if (kind != null) {
            query.append(" and kind = :kind");
            params.and("kind", kind);
        }
        return find(query.toString(), Sort.by("createdAt").and("id"), params).page(0, limit).list();
    }

    /** Offerings whose Stripe objects do not match them yet, fewest failed attempts first. */
    public List<String> dueForSync(int limit) {
        return find("syncState <> ?1", Sort.by("syncAttempts").and("updatedAt"), SyncState.SYNCED)
                .page(0, limit).stream().map(Offering::id).toList();
    }
}
