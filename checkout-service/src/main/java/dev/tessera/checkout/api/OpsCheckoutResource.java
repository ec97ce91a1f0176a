package dev.tessera.checkout.api;

import dev.tessera.checkout.domain.CatalogSync;
import dev.tessera.checkout.domain.Reconciler;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operators: reconcile checkouts with Stripe, push the catalog to Stripe now. */
@Path("/ops")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.APPLICATION_JSON)
public class OpsCheckoutResource {

    private static final int MAX_LIMIT = 1000;

    private final Reconciler reconciler;
    private final CatalogSync sync;

    OpsCheckoutResource(Reconciler reconciler, CatalogSync sync) {
        this.reconciler = reconciler;
        this.sync = sync;
    }

    @POST
    @Path("/checkouts/reconcile")
    @Operation(summary = "Fetch the sessions of checkouts in flight (created more than olderThan ago) from Stripe and apply their state")
    public Reconciler.Summary reconcile(@QueryParam("olderThan") @DefaultValue("PT15M") String olderThan,
                                        @QueryParam("limit") @DefaultValue("200") int limit) {
        Duration age;
        try {
            age = Duration.parse(olderThan);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("olderThan", "must be an ISO-8601 duration such as PT15M");
        }
        if (age.isNegative()) {
            throw ProblemException.invalidField("olderThan", "must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return reconciler.reconcile(age, limit);
    }

    @POST
    @Path("/checkouts/{id}/reconcile")
    @Operation(summary = "Reconcile one checkout with Stripe")
    public Reconciler.Result reconcileOne(@PathParam("id") String id) {
        return reconciler.reconcileOne(id);
    }

    @POST
    @Path("/catalog/sync")
    @Operation(summary = "Sync every product, price and coupon that is behind Stripe now")
    public SyncResult syncCatalog() {
        return new SyncResult(sync.syncAllDue());
    }

    public record SyncResult(int synced) {
    }
}
