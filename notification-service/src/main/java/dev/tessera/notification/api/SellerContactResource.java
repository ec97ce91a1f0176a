package dev.tessera.notification.api;

import dev.tessera.notification.api.Views.SellerContactView;
import dev.tessera.notification.domain.Formats;
import dev.tessera.notification.domain.NotificationErrorCode;
import dev.tessera.notification.domain.Notifier;
import dev.tessera.notification.persistence.ContactRepository;
import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Where a seller's mail goes (payouts, disputes). No other service owns seller contact details yet, so they are
 * kept here; operators and the seller itself maintain them.
 */
@Path("/sellers/{sellerId}/contact")
@Produces(MediaType.APPLICATION_JSON)
public class SellerContactResource {

    private final Caller caller;
    private final ContactRepository contacts;

    SellerContactResource(Caller caller, ContactRepository contacts) {
        this.caller = caller;
        this.contacts = contacts;
    }

    @GET
    public SellerContactView get(@PathParam("sellerId") String sellerId) {
        caller.requireSellerOrRole(sellerId, Roles.OPS);
        return contacts.seller(sellerId).map(SellerContactView::of)
                .orElseThrow(() -> ProblemException.of(NotificationErrorCode.SELLER_CONTACT_NOT_FOUND,
                        "Seller " + sellerId + " has no contact."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public SellerContactView put(@PathParam("sellerId") String sellerId,
                                 @Valid @NotNull Requests.SellerContactRequest request) {
        caller.requireSellerOrRole(sellerId, Roles.OPS);
        String email = Notifier.normaliseEmail(request.email())
                .orElseThrow(() -> ProblemException.invalidField("email", "must be a well-formed email address"));
        String locale = request.locale() == null ? null : Formats.normaliseLocale(request.locale())
                .orElseThrow(() -> ProblemException.invalidField("locale", "must be a language tag such as en or pt-BR"));
        if (request.stripeAccountId() != null) {
            contacts.sellerByStripeAccount(request.stripeAccountId())
                    .filter(other -> !other.sellerId.equals(sellerId))
                    .ifPresent(other -> {
                        throw ProblemException.of(NotificationErrorCode.STRIPE_ACCOUNT_TAKEN,
                                "Stripe account " + request.stripeAccountId() + " is another seller's.");
                    });
        }
        String displayName = request.displayName() == null || request.displayName().isBlank() ? null
                : request.displayName().trim();
        return SellerContactView.of(contacts.saveSeller(sellerId, email, displayName, locale,
                request.stripeAccountId()));
    }
}
