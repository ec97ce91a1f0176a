package dev.tessera.membership.api;

import dev.tessera.membership.domain.Membership;
import dev.tessera.membership.domain.MembershipErrorCode;
import dev.tessera.membership.persistence.MembershipStore;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One membership with its history: for its holder, its seller, and platform staff. */
@Path("/memberships")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MembershipResource {

    private final MembershipStore memberships;
    private final Caller caller;

    MembershipResource(MembershipStore memberships, Caller caller) {
        this.memberships = memberships;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Transactional
    public Views.MembershipView get(@PathParam("id") String id) {
        Membership m = memberships.find(id).orElseThrow(() -> notFound(id));
        boolean allowed = caller.userId().equals(m.userId()) || caller.hasAnyRole(Roles.OPS, Roles.FINANCE)
                || caller.actsForSeller(m.sellerId());
        if (!allowed) {
            throw notFound(id);
        }
        return Views.MembershipView.of(m, memberships.history(id));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(MembershipErrorCode.MEMBERSHIP_NOT_FOUND, "There is no membership " + id + " you may see.");
    }
}
