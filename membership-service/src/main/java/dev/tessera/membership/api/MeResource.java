package dev.tessera.membership.api;

import dev.tessera.membership.domain.MemberRequests;
import dev.tessera.membership.persistence.EntitlementStore;
import dev.tessera.membership.persistence.MembershipStore;
import dev.tessera.runtime.auth.Caller;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The caller's own memberships and grants. */
@Path("/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final MembershipStore memberships;
    private final EntitlementStore entitlements;
    private final MemberRequests requests;
    private final Caller caller;

    MeResource(MembershipStore memberships, EntitlementStore entitlements, MemberRequests requests, Caller caller) {
        this.memberships = memberships;
        this.entitlements = entitlements;
        this.requests = requests;
        this.caller = caller;
    }

    @GET
    @Path("/memberships")
    @Transactional
    public List<Views.MembershipView> memberships() {
        return memberships.byUser(caller.userId()).stream().map(m -> Views.MembershipView.of(m, null)).toList();
    }

    @GET
    @Path("/entitlements")
    public List<Views.EntitlementView> entitlements(@QueryParam("includeRevoked") @DefaultValue("false") boolean includeRevoked) {
        return entitlements.byUser(caller.userId(), includeRevoked).stream().map(Views.EntitlementView::of).toList();
    }

    /** Cancel at the end of the paid period (through Stripe). */
    @POST
    @Path("/memberships/{id}/cancel")
    public Views.MembershipView cancel(@PathParam("id") String id) {
        return Views.MembershipView.of(requests.setCancelAtPeriodEnd(id, caller.userId(), true), null);
    }

    /** Take back a cancellation at period end (through Stripe). */
    @POST
    @Path("/memberships/{id}/resume")
    public Views.MembershipView resume(@PathParam("id") String id) {
        return Views.MembershipView.of(requests.setCancelAtPeriodEnd(id, caller.userId(), false), null);
    }
}
