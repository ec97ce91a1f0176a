package dev.tessera.notification.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class MembershipWatchRepository implements PanacheRepositoryBase<MembershipWatch, String> {

    /** Ending memberships whose reminder is due and not yet sent for their current end. */
    public List<MembershipWatch> remindersDue(Instant now, int limit) {
        return find("ending = true and remindAt <= ?1 and endsAt > ?1 and (remindedFor is null or remindedFor <> endsAt)"
                + " order by remindAt", now)
                .page(Page.ofSize(limit)).list();
    }
}
