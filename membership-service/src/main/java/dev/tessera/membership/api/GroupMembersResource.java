package dev.tessera.membership.api;

import dev.tessera.membership.domain.LegacyStatus;
import dev.tessera.membership.domain.Membership;
import dev.tessera.membership.domain.MembershipConfig;
import dev.tessera.membership.domain.MembershipErrorCode;
import dev.tessera.membership.domain.MembershipStatus;
import dev.tessera.membership.persistence.MembershipStore;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A group's members, for the seller that owns the group (and platform staff). */
@Path("/groups/{groupId}/members")
@RolesAllowed({Roles.SELLER, Roles.OPS, Roles.FINANCE})
@Produces(MediaType.APPLICATION_JSON)
public class GroupMembersResource {

    private final MembershipStore memberships;
    private final MembershipConfig config;
    private final Caller caller;

    GroupMembersResource(MembershipStore memberships, MembershipConfig config, Caller caller) {
        this.memberships = memberships;
        this.config = config;
        this.caller = caller;
    }

    /**
     * @param status comma-separated membership statuses to include (default: all)
     * @param cursor the {@code nextCursor} of the previous page
     */
    @GET
    @Transactional
    public Views.MemberPage members(@PathParam("groupId") String groupId, @QueryParam("status") String status,
                                    @QueryParam("limit") @DefaultValue("50") int limit,
                                    @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > config.maxPageSize()) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + config.maxPageSize());
        }
        List<String> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String value : status.split(",")) {
                try {
                    statuses.add(MembershipStatus.fromWire(value.trim()).wire());
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalidField("status", "must be a list of pending, active, past_due, "
                            + "cancelled, expired, revoked");
                }
            }
        }
        // a group belongs to the seller its memberships were sold by; a group without members shows nothing
        memberships.sellerOfGroup(groupId).ifPresent(seller -> caller.requireSellerOrRole(seller, Roles.OPS, Roles.FINANCE));
        List<Membership> page = memberships.groupPage(groupId, statuses, cursor, limit + 1);
        boolean more = page.size() > limit;
        List<Membership> shown = more ? page.subList(0, limit) : page;
        return new Views.MemberPage(groupId, shown.stream().map(Views.MemberView::of).toList(),
                more ? shown.get(shown.size() - 1).id() : null);
    }

    /**
     * One user's legacy group-member status (active, pending, suspended), for the platform's existing gating: the
     * best status among the user's memberships of the group's tiers (a lapsed old tier does not hide a paid new
     * one). 404 when the user has never held a membership of the group, or the group is unknown.
     */
    @GET
    @Path("/{userId}")
    @RolesAllowed({Roles.SELLER, Roles.OPS})
    @Transactional
    public Views.LegacyMemberView member(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        memberships.sellerOfGroup(groupId).ifPresent(seller -> caller.requireSellerOrRole(seller, Roles.OPS));
        Instant now = Instant.now();
        return memberships.ofUserInGroup(groupId, userId).stream()
                // newest first, so among equals the newest counts
                .min(Comparator.comparingInt((Membership m) -> rank(m.legacyStatus(now))))
                .map(m -> Views.LegacyMemberView.of(groupId, userId, m, now))
                .orElseThrow(() -> new ProblemException(MembershipErrorCode.MEMBER_NOT_FOUND,
                        "User " + userId + " is not a member of group " + groupId + "."));
    }

    private static int rank(LegacyStatus status) {
        return switch (status) {
            case ACTIVE -> 0;
            case PENDING -> 1;
            case SUSPENDED -> 2;
        };
    }
}
