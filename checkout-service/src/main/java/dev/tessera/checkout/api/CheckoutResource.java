package dev.tessera.checkout.api;

import dev.tessera.checkout.api.Requests.CreateCheckout;
import dev.tessera.checkout.api.Views.CheckoutView;
import dev.tessera.checkout.domain.Checkout;
import dev.tessera.checkout.domain.CheckoutService;
import dev.tessera.checkout.domain.SessionOutcomes;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Starting and following purchases. Anyone may buy: a signed-in caller as themselves, anyone else as a guest with
 * an e-mail address. A guest's checkout id (random, unguessable) is the guest's capability to see or cancel it;
 * a signed-in buyer's checkout is visible to the buyer, the seller and staff only.
 */
@Path("/checkouts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class CheckoutResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final CheckoutService checkouts;
    private final SessionOutcomes outcomes;
    private final Caller caller;

    CheckoutResource(CheckoutService checkouts, SessionOutcomes outcomes, Caller caller) {
        this.checkouts = checkouts;
        this.outcomes = outcomes;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Open a Checkout Session for an offering; idempotent per Idempotency-Key (or per buyer, offering and parameters)")
    public Response open(@NotNull CreateCheckout request, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        boolean signedIn = caller.isAuthenticated();
        CheckoutService.Opened opened = checkouts.open(new CheckoutService.OpenRequest(request.offeringId(),
                        request.quantity(), request.email(), request.couponCode(), request.successUrl(),
                        request.cancelUrl(), request.replacesSubscriptionId(), request.sellerId()),
                signedIn ? caller.userId() : null, signedIn ? caller.email().orElse(null) : null,
                idempotencyKey, caller::requireSeller);
        Checkout checkout = opened.checkout();
        Response.ResponseBuilder response = opened.replayed() ? Response.ok() : Response.created(URI.create("/checkouts/" + checkout.id()));
        if (opened.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.entity(CheckoutView.of(checkout)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A checkout and its status")
    public CheckoutView get(@PathParam("id") String id) {
        Checkout checkout = checkouts.find(id).filter(this::mayRead).orElseThrow(() -> CheckoutService.notFound(id));
        return CheckoutView.of(checkout);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel an unpaid checkout: its session is expired in Stripe and its seat released")
    public CheckoutView cancel(@PathParam("id") String id) {
        return CheckoutView.of(checkouts.cancel(id, checkout -> {
            if (!checkout.guest() && !isBuyer(checkout) && !(caller.isAuthenticated() && caller.hasRole(Roles.OPS))) {
                throw CheckoutService.notFound(id);
            }
        }, outcomes));
    }

    private boolean mayRead(Checkout checkout) {
        return checkout.guest() || isBuyer(checkout) || Access.seesPrivate(caller, checkout.sellerId());
    }

    private boolean isBuyer(Checkout checkout) {
        return caller.isAuthenticated() && checkout.userId() != null && checkout.userId().equals(caller.userId());
    }
}
