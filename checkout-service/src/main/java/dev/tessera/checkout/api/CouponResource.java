package dev.tessera.checkout.api;

import dev.tessera.checkout.api.Requests.CreateCoupon;
import dev.tessera.checkout.api.Views.CouponView;
import dev.tessera.checkout.domain.Coupon;
import dev.tessera.checkout.domain.CouponService;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Sellers' coupon codes. Codes are the seller's business: only the seller (and staff) can list or read them. */
@Path("/catalog/coupons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SELLER, Roles.OPS, Roles.FINANCE})
public class CouponResource {

    private final CouponService coupons;
    private final Caller caller;

    CouponResource(CouponService coupons, Caller caller) {
        this.coupons = coupons;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Create a coupon (percent or amount off) for some of the seller's offerings; synced to Stripe")
    public Response create(@NotNull CreateCoupon request) {
        Coupon coupon = coupons.create(new CouponService.CouponInput(request.sellerId(), request.code(), request.name(),
                request.percentOff(), request.amountOffMinor(), request.currency(), request.duration(),
                request.durationInMonths(), request.redeemFrom(), request.redeemUntil(), request.maxRedemptions(),
                request.offeringIds()), caller::requireSeller);
        return Response.status(Response.Status.CREATED).entity(CouponView.of(coupon, 0)).build();
    }

    @GET
    public List<CouponView> list(@QueryParam("sellerId") String sellerId) {
        if (sellerId == null || sellerId.isBlank()) {
            throw ProblemException.invalidField("sellerId", "is required");
        }
        caller.requireSellerOrRole(sellerId, Roles.OPS, Roles.FINANCE);
        return coupons.list(sellerId).stream().map(c -> CouponView.of(c, coupons.redemptions(c.id()))).toList();
    }

    @GET
    @Path("/{id}")
    public CouponView get(@PathParam("id") String id) {
        Coupon coupon = coupons.get(id, sellerId -> caller.requireSellerOrRole(sellerId, Roles.OPS, Roles.FINANCE));
        return CouponView.of(coupon, coupons.redemptions(id));
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed(Roles.SELLER)
    @Operation(summary = "Stop the code: its Stripe promotion code is deactivated")
    public CouponView archive(@PathParam("id") String id) {
        return CouponView.of(coupons.archive(id, caller::requireSeller), coupons.redemptions(id));
    }
}
