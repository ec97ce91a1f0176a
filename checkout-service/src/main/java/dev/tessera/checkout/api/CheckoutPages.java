package dev.tessera.checkout.api;

import dev.tessera.checkout.domain.Checkout;
import dev.tessera.checkout.domain.CheckoutService;
import dev.tessera.checkout.domain.CheckoutStatus;
import dev.tessera.checkout.domain.SessionOutcomes;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where Stripe sends buyers back: plain HTML pages with a clear message. The checkout id in the link is all they
 * need (it is random and unguessable), so they work for guests too.
 */
@Path("/checkout")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
@PermitAll
public class CheckoutPages {

    private static final Logger LOG = Logger.getLogger(CheckoutPages.class);

    private final CheckoutService checkouts;
    private final SessionOutcomes outcomes;

    CheckoutPages(CheckoutService checkouts, SessionOutcomes outcomes) {
        this.checkouts = checkouts;
        this.outcomes = outcomes;
    }

    @GET
    @Path("/success")
    public String success(@QueryParam("checkout_id") String checkoutId) {
        Optional<Checkout> checkout = checkoutId == null ? Optional.empty() : checkouts.find(checkoutId);
        if (checkout.isEmpty()) {
            return page("Thank you", "Thank you for your purchase.",
                    "We could not find the details of this checkout, but if your payment went through you will receive a confirmation by e-mail.", false);
        }
        Checkout c = checkout.get();
        String guestNote = c.guest() && c.userId() == null
                ? " We will e-mail you a link to add this purchase to your account." : "";
        return switch (c.status()) {
            case CheckoutStatus.COMPLETED -> page("Payment received", "Thank you! Your payment was received.",
                    "Your purchase is confirmed. A receipt is on its way to your e-mail." + guestNote, false);
            case CheckoutStatus.AWAITING_PAYMENT -> page("Payment processing", "Thank you! Your payment is being processed.",
                    "Some payment methods take a few days. We will e-mail you as soon as it has arrived." + guestNote, false);
            case CheckoutStatus.PAYMENT_FAILED -> page("Payment failed", "Your payment did not go through.",
                    "No purchase was made. You can try again with another payment method.", false);
            case CheckoutStatus.EXPIRED, CheckoutStatus.CANCELLED, CheckoutStatus.FAILED -> page("Checkout ended",
                    "This checkout has ended.", "No payment was taken. You can start a new purchase at any time.", false);
            default -> page("Confirming your payment", "Thank you! We are confirming your payment.",
                    "This usually takes a few seconds; this page refreshes by itself." + guestNote, true);
        };
    }

    @GET
    @Path("/cancel")
    public String cancel(@QueryParam("checkout_id") String checkoutId) {
        if (checkoutId != null) {
            try {
                // the buyer left Stripe's page: give the held seat back now rather than when the session expires
                checkouts.cancel(checkoutId, checkout -> { }, outcomes);
            } catch (ProblemException | IllegalStateException e) {
                LOG.debugf("cancel page could not cancel checkout %s: %s", checkoutId, e.getMessage());
            }
        }
        Optional<Checkout> checkout = checkoutId == null ? Optional.empty() : checkouts.find(checkoutId);
        if (checkout.isPresent() && CheckoutStatus.COMPLETED.equals(checkout.get().status())) {
            return page("Already paid", "This purchase was already paid.", "Nothing was cancelled; your purchase stands.", false);
        }
        return page("Checkout cancelled", "Your checkout was cancelled.",
                "No payment was taken. You can start again whenever you like.", false);
    }

    private static String page(String title, String headline, String text, boolean refresh) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"5\">" : "")
                + "<title>" + escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;"
                + "line-height:1.5;color:#222}h1{font-size:1.5rem}</style></head>"
                + "<body><main><h1>" + escape(headline) + "</h1><p>" + escape(text) + "</p></main></body></html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
