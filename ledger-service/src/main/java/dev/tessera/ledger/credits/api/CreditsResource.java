package dev.tessera.ledger.credits.api;

import dev.tessera.ledger.credits.domain.Credits;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import dev.tessera.runtime.money.Money;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A buyer's credits: the balance, and spending them on a seller's service. The buyer acts for itself (its
 * token's subject is the buyer id); finance and ops may read any buyer, ops may redeem for one.
 */
@Path("/credits/{buyerId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CreditsResource {

    private final Credits credits;
    private final Caller caller;

    CreditsResource(Credits credits, Caller caller) {
        this.credits = credits;
        this.caller = caller;
    }

    public record BalanceView(String currency, long amount, String decimal) {
    }

    public record RedemptionRequest(
            @NotBlank @Size(max = 200) String redemptionId,
            @NotBlank @Size(max = 100) String sellerId,
            @Size(max = 200) String offeringId,
            @Positive long amount,
            @NotBlank @Pattern(regexp = "[A-Za-z]{3}", message = "must be a three-letter ISO 4217 code") String currency) {
    }

    public record RedemptionView(String redemptionId, long transactionId, long amount, String currency, long remaining) {
    }

    @GET
    @Operation(summary = "The buyer's unspent credits per currency")
    public List<BalanceView> balances(@PathParam("buyerId") String buyerId) {
        requireBuyerOr(buyerId, Roles.FINANCE, Roles.OPS);
        return credits.balances(buyerId).stream()
                .map(b -> new BalanceView(b.currency(), b.amount(), Money.of(b.amount(), b.currency()).toDecimalString()))
                .toList();
    }

    @POST
    @Path("/redemptions")
    @Operation(summary = "Spend credits on a seller's service (idempotent by redemptionId)")
    public Response redeem(@PathParam("buyerId") String buyerId, @Valid @NotNull RedemptionRequest request) {
        requireBuyerOr(buyerId, Roles.OPS);
        String currency = request.currency().toUpperCase(Locale.ROOT);
        try {
            Money.zero(currency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("currency", e.getMessage());
        }
        Credits.Redemption redemption = new Credits.Redemption(request.redemptionId(), buyerId, request.sellerId(),
                request.offeringId(), request.amount(), currency);
        Credits.Redeemed redeemed = QuarkusTransaction.requiringNew().call(() ->
                credits.redeem(redemption, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        return Response.status(redeemed.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(new RedemptionView(request.redemptionId(), redeemed.transactionId(), request.amount(), currency,
                        redeemed.remaining()))
                .build();
    }

    private void requireBuyerOr(String buyerId, String... roles) {
        caller.requireAuthenticated();
        if (caller.hasAnyRole(roles)) {
            return;
        }
        if (!caller.hasRole(Roles.MEMBER) || !buyerId.equals(caller.userId())) {
            throw ProblemException.forbidden("You may only use your own credits.");
        }
    }
}
