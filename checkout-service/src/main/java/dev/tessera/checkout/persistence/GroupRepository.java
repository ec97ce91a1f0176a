package dev.tessera.checkout.persistence;

import dev.tessera.checkout.domain.CatalogGroup;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<CatalogGroup, String> {

    public Optional<CatalogGroup> findForUpdate(String id) {
        return Optional.ofNullable(getEntityManager().find(CatalogGroup.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<CatalogGroup> listBySeller(String sellerId, List<String> statuses) {
        return list("sellerId = ?1 and status in ?2", Sort.by("createdAt").and("id"), sellerId, statuses);
    }
}
