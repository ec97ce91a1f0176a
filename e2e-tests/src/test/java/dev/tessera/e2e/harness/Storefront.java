package dev.tessera.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tessera.e2e.harness.Actors.Buyer;
import dev.tessera.e2e.harness.Actors.Seller;

/**
 * How a scenario sets up what is for sale and buys it: through checkout-service ({@code POST /catalog/...},
 * {@code POST /checkouts}) when it runs, otherwise straight against Stripe (the emulator) with exactly the Checkout
 * Session checkout-service would create. Either way the buyer then pays on the emulator's hosted page (its JSON
 * control), and everything after that is Stripe's webhooks flowing through the ingest service to the consumers.
 */
public interface Storefront {

    /** A group (the community a membership tier belongs to). */
    record Group(String sellerId, String groupId) {
    }

    /** Something for sale with its Stripe price. {@code kind} is a {@code StripeMetadata.KIND_*} value. */
    record Offering(String sellerId, String groupId, String offeringId, String kind, String stripePriceId,
                    long amountMinor, String currency) {

        public boolean recurring() {
            return kind.equals(dev.tessera.events.StripeMetadata.KIND_MEMBERSHIP_TIER)
                    || kind.equals(dev.tessera.events.StripeMetadata.KIND_PLATFORM_PLAN);
        }
    }

    /**
     * A paid checkout. {@code checkoutId} is checkout-service's id (or the one the direct storefront put in the
     * metadata); {@code subscriptionId} is set in subscription mode, {@code paymentIntentId} in payment mode.
     */
    record Purchase(String checkoutId, String sessionId, String customerId, String subscriptionId,
                    String paymentIntentId, JsonNode session) {
    }

    /** Which way this storefront sells: {@code checkout-service} or {@code direct}. */
    String name();

    Group group(Seller seller);

    /** {@code capacity}: seats for event tickets, else null. */
    Offering offering(Seller seller, Group group, String kind, long amountMinor, String currency, Integer capacity);

    /** Opens a checkout for the buyer (a tier switch when {@code replacesSubscriptionId} is set) and pays it. */
    Purchase buy(Buyer buyer, Offering offering, String replacesSubscriptionId);

    default Purchase buy(Buyer buyer, Offering offering) {
        return buy(buyer, offering, null);
    }

    /**
     * checkout-service when it runs, else the direct storefront.
     */
    static Storefront preferred(E2eSuite suite) {
        return suite.isRunning(Services.CHECKOUT) ? new CheckoutServiceStorefront(suite) : new DirectStorefront(suite);
    }

    /**
     * Always the direct storefront. For scenarios that move the emulator clock: checkout-service derives a
     * session's {@code expires_at} from the wall clock, which the emulator refuses once its clock is ahead
     * (Stripe requires 30 min to 24 h from its now). See README, "Time".
     */
    static Storefront direct(E2eSuite suite) {
        return new DirectStorefront(suite);
    }
}
