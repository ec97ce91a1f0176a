package dev.tessera.checkout.api;

import dev.tessera.checkout.api.Views.CheckoutView;
import dev.tessera.checkout.domain.ClaimService;
import dev.tessera.runtime.auth.Caller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A guest's purchase attached to the signed-in user who follows the claim link. */
@Path("/claims")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimResource {

    private final ClaimService claims;
    private final Caller caller;

    ClaimResource(ClaimService claims, Caller caller) {
        this.claims = claims;
        this.caller = caller;
    }

    @POST
    @Path("/{token}")
    @Authenticated
    @Operation(summary = "Attach the guest purchase behind a claim token to the caller's account")
    public CheckoutView claim(@PathParam("token") String token) {
        return CheckoutView.of(claims.claim(token, caller.userId()));
    }
}
