package dev.tessera.checkout.api;

import dev.tessera.checkout.api.Requests.CreateGroup;
import dev.tessera.checkout.api.Requests.CreateOffering;
import dev.tessera.checkout.api.Requests.PriceInput;
import dev.tessera.checkout.api.Requests.UpdateGroup;
import dev.tessera.checkout.api.Requests.UpdateOffering;
import dev.tessera.checkout.api.Views.GroupView;
import dev.tessera.checkout.api.Views.OfferingView;
import dev.tessera.checkout.api.Views.PriceView;
import dev.tessera.checkout.domain.CatalogGroup;
import dev.tessera.checkout.domain.CatalogService;
import dev.tessera.checkout.domain.CatalogStatus;
import dev.tessera.checkout.domain.CheckoutErrorCode;
import dev.tessera.checkout.domain.Offering;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The catalog: sellers edit their own groups and offerings (role {@code seller}, the seller id in the token's
 * {@code seller_ids}); anyone reads what is active. Inactive items are visible only to their seller and to staff.
 */
@Path("/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private static final int MAX_LIMIT = 200;
    private static final Set<String> STATUSES = Set.of(CatalogStatus.DRAFT, CatalogStatus.ACTIVE, CatalogStatus.ARCHIVED);

    private final CatalogService catalog;
    private final Caller caller;

    CatalogResource(CatalogService catalog, Caller caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    // ---- groups --------------------------------------------------------------------------------------------

    @POST
    @Path("/groups")
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Create a group (draft) for one of the caller's sellers")
    public Response createGroup(@NotNull CreateGroup request) {
        if (request.sellerId() != null) {
            caller.requireSeller(request.sellerId());
        }
        CatalogGroup group = catalog.createGroup(request.sellerId(), request.name(), request.description());
        return Response.status(Response.Status.CREATED).entity(GroupView.of(group)).build();
    }

    @GET
    @Path("/groups")
    @PermitAll
    @Operation(summary = "A seller's groups: active ones for anyone, all of them for the seller")
    public List<GroupView> groups(@QueryParam("sellerId") String sellerId, @QueryParam("status") List<String> statuses) {
        if (sellerId == null || sellerId.isBlank()) {
            throw ProblemException.invalidField("sellerId", "is required");
        }
        return catalog.groupsOf(sellerId, visibleStatuses(sellerId, statuses)).stream().map(GroupView::of).toList();
    }

    @GET
    @Path("/groups/{id}")
    @PermitAll
    public GroupView group(@PathParam("id") String id) {
        CatalogGroup group = catalog.group(id);
        if (!group.isActive() && !Access.seesPrivate(caller, group.sellerId())) {
            throw ProblemException.of(CheckoutErrorCode.GROUP_NOT_FOUND, "no group with id " + id);
        }
        return GroupView.of(group);
    }

    @PUT
    @Path("/groups/{id}")
    @RolesAllowed(Roles.SELLER)
    public GroupView updateGroup(@PathParam("id") String id, @NotNull UpdateGroup request) {
        return GroupView.of(catalog.updateGroup(id, request.name(), request.description(), caller::requireSeller));
    }

    @POST
    @Path("/groups/{id}/activate")
    @RolesAllowed(Roles.SELLER)
    public GroupView activateGroup(@PathParam("id") String id) {
        return GroupView.of(catalog.changeGroupStatus(id, CatalogStatus.ACTIVE, caller::requireSeller));
    }

    @POST
    @Path("/groups/{id}/archive")
    @RolesAllowed(Roles.SELLER)
    public GroupView archiveGroup(@PathParam("id") String id) {
        return GroupView.of(catalog.changeGroupStatus(id, CatalogStatus.ARCHIVED, caller::requireSeller));
    }

    // ---- offerings -----------------------------------------------------------------------------------------

    @POST
    @Path("/offerings")
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Create a membership tier or one-time offering (draft) with its first price")
    public Response createOffering(@NotNull CreateOffering request) {
        PriceInput price = request.price();
        Offering offering = catalog.createOffering(request.sellerId(), request.kind(), input(request.groupId(),
                        request.name(), request.description(), request.capacity(), request.accessLevel(),
                        request.benefits(), request.startsAt(), request.credits()),
                price == null ? null : new CatalogService.PriceInput(price.amountMinor(), price.currency(), price.interval()),
                caller::requireSeller);
        return Response.status(Response.Status.CREATED).entity(view(offering)).build();
    }

    @GET
    @Path("/offerings")
    @PermitAll
    @Operation(summary = "Offerings by seller, group and kind: active ones for anyone, all of them for the seller")
    public List<OfferingView> offerings(@QueryParam("sellerId") String sellerId, @QueryParam("groupId") String groupId,
                                        @QueryParam("kind") String kind, @QueryParam("status") List<String> statuses,
                                        @QueryParam("limit") @DefaultValue("100") int limit) {
        if ((sellerId == null || sellerId.isBlank()) && (groupId == null || groupId.isBlank())) {
            throw ProblemException.invalidField("sellerId", "or groupId is required");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        String owner = sellerId;
        if (owner == null) {
            owner = catalog.group(groupId).sellerId();
        }
        return catalog.search(sellerId, groupId, kind, visibleStatuses(owner, statuses), limit).stream()
                .map(this::view).toList();
    }

    @GET
    @Path("/offerings/{id}")
    @PermitAll
    public OfferingView offering(@PathParam("id") String id) {
        Offering offering = catalog.offering(id);
        if (!offering.isActive() && !Access.seesPrivate(caller, offering.sellerId())) {
            throw ProblemException.of(CheckoutErrorCode.OFFERING_NOT_FOUND, "no offering with id " + id);
        }
        return view(offering);
    }

    @PUT
    @Path("/offerings/{id}")
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Change what an offering is (not its price: see /price)")
    public OfferingView updateOffering(@PathParam("id") String id, @NotNull UpdateOffering request) {
        return view(catalog.updateOffering(id, input(request.groupId(), request.name(), request.description(),
                request.capacity(), request.accessLevel(), request.benefits(), request.startsAt(), request.credits()),
                caller::requireSeller));
    }

    @POST
    @Path("/offerings/{id}/price")
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Change the price: a new price (and Stripe price) replaces the current one, which stays in the history")
    public OfferingView changePrice(@PathParam("id") String id, @NotNull PriceInput request) {
        return view(catalog.changePrice(id, new CatalogService.PriceInput(request.amountMinor(), request.currency(),
                request.interval()), caller::requireSeller));
    }

    @GET
    @Path("/offerings/{id}/prices")
    @RolesAllowed({Roles.SELLER, Roles.OPS, Roles.FINANCE})
    @Operation(summary = "Every price the offering ever had, oldest first")
    public List<PriceView> prices(@PathParam("id") String id) {
        Offering offering = catalog.offering(id);
        if (!offering.isPlatformPlan()) {
            caller.requireSellerOrRole(offering.sellerId(), Roles.OPS, Roles.FINANCE);
        }
        return catalog.priceHistory(id).stream().map(PriceView::of).toList();
    }

    @POST
    @Path("/offerings/{id}/activate")
    @RolesAllowed(Roles.SELLER)
    public OfferingView activateOffering(@PathParam("id") String id) {
        return view(catalog.changeOfferingStatus(id, CatalogStatus.ACTIVE, caller::requireSeller));
    }

    @POST
    @Path("/offerings/{id}/archive")
    @RolesAllowed(Roles.SELLER)
    public OfferingView archiveOffering(@PathParam("id") String id) {
        return view(catalog.changeOfferingStatus(id, CatalogStatus.ARCHIVED, caller::requireSeller));
    }

    @GET
    @Path("/platform-plans")
    @PermitAll
    @Operation(summary = "The plans sellers can subscribe to, with the platform's commission on each")
    public List<OfferingView> platformPlans() {
        return catalog.platformPlans().stream().map(this::view).toList();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private OfferingView view(Offering offering) {
        return OfferingView.of(offering, catalog.price(offering.currentPriceId()), catalog.seatsLeft(offering));
    }

    private List<String> visibleStatuses(String sellerId, List<String> requested) {
        List<String> statuses = requested == null || requested.isEmpty() ? List.of(CatalogStatus.ACTIVE) : requested;
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw ProblemException.invalidField("status", "must be draft, active or archived");
            }
        }
        if (!statuses.equals(List.of(CatalogStatus.ACTIVE)) && !Access.seesPrivate(caller, sellerId)) {
            throw ProblemException.forbidden("only the seller sees its " + String.join(" and ", statuses) + " items");
        }
        return statuses;
    }

    private static CatalogService.OfferingInput input(String groupId, String name, String description,
                                                      Integer capacity, String accessLevel, List<String> benefits,
                                                      java.time.Instant startsAt, Integer credits) {
        return new CatalogService.OfferingInput(blankToNull(groupId), name, description, capacity, accessLevel,
                benefits, startsAt, credits);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
