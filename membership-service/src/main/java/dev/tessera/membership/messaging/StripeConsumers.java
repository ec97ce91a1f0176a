package dev.tessera.membership.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.membership.domain.Attribution;
import dev.tessera.membership.domain.EntitlementService;
import dev.tessera.membership.domain.Fact;
import dev.tessera.membership.domain.FactKind;
import dev.tessera.membership.domain.MembershipService;
import dev.tessera.membership.domain.MembershipStatus;
import dev.tessera.membership.domain.Purchase;
import dev.tessera.membership.domain.Revocations;
import dev.tessera.runtime.messaging.MessageProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Consumers of the Stripe topics. Each record is handled once per consumer, in its own transaction. */
@ApplicationScoped
public class StripeConsumers {

    private static final Logger LOG = Logger.getLogger(StripeConsumers.class);

    private final MessageProcessor processor;
    private final MembershipService memberships;
    private final EntitlementService entitlements;
    private final Revocations revocations;

    StripeConsumers(MessageProcessor processor, MembershipService memberships, EntitlementService entitlements,
                    Revocations revocations) {
        this.processor = processor;
        this.memberships = memberships;
        this.entitlements = entitlements;
        this.revocations = revocations;
    }

    @Incoming("stripe-billing")
    @Blocking(ordered = true)
    public void onBilling(ConsumerRecord<String, String> record) {
        processor.process("membership.stripe-billing", record, this::billing);
    }

    @Incoming("stripe-checkout")
    @Blocking(ordered = true)
    public void onCheckout(ConsumerRecord<String, String> record) {
        processor.process("membership.stripe-checkout", record, this::checkout);
    }

    @Incoming("stripe-payments")
    @Blocking(ordered = true)
    public void onPayments(ConsumerRecord<String, String> record) {
        processor.process("membership.stripe-payments", record, this::payments);
    }

    @Incoming("stripe-disputes")
    @Blocking(ordered = true)
    public void onDisputes(ConsumerRecord<String, String> record) {
        processor.process("membership.stripe-disputes", record, this::disputes);
    }

    void billing(ConsumerRecord<String, String> record) {
        StripeEvent event = StripeEvent.of(record);
        JsonNode object = event.object();
        if (event.type().startsWith("customer.subscription.")) {
            String reason = "subscription_" + event.type().substring("customer.subscription.".length());
            Fact fact = StripeObjects.subscriptionFact(event.id(), event.created(), object, reason);
            memberships.apply(event.objectId(), StripeObjects.subscriptionAttribution(object, event.account()), fact,
                    event.id());
        } else if (event.type().equals("invoice.paid") || event.type().equals("invoice.payment_failed")) {
            String subscription = StripeObjects.invoiceSubscription(object);
            if (subscription == null) {
                LOG.debugf("%s: invoice %s belongs to no subscription", event.id(), event.objectId());
                return;
            }
            Fact fact = StripeObjects.invoiceFact(event.id(), event.created(), object, event.type().equals("invoice.paid"));
            memberships.apply(subscription, StripeObjects.invoiceAttribution(object, event.account()), fact, event.id());
        }
    }

    void checkout(ConsumerRecord<String, String> record) {
        StripeEvent event = StripeEvent.of(record);
        if (!event.type().equals("checkout.session.completed")
                && !event.type().equals("checkout.session.async_payment_succeeded")) {
            return;
        }
        JsonNode session = event.object();
        Attribution attribution = StripeObjects.sessionAttribution(session, event.account());
        boolean paid = StripeObjects.sessionPaid(session);
        String mode = StripeObjects.text(session.get("mode"));
        if ("subscription".equals(mode)) {
            String subscription = StripeObjects.id(session.get("subscription"));
            if (subscription == null) {
                throw new IllegalArgumentException("subscription-mode session " + event.objectId() + " has no subscription");
            }
            String reason = event.type().equals("checkout.session.completed") ? "checkout_completed"
                    : "async_payment_succeeded";
            Fact fact = Fact.of(event.id(), FactKind.CHECKOUT, event.created(),
                    paid ? MembershipStatus.ACTIVE : MembershipStatus.PENDING, reason);
            memberships.apply(subscription, attribution, fact, event.id());
        } else if ("payment".equals(mode) && paid && attribution.identifiesOffering()) {
            entitlements.grantPurchase(new Purchase(event.objectId(), attribution.checkoutId(), attribution.sellerId(),
                    attribution.groupId(), attribution.offeringId(), attribution.offeringKind(), attribution.userId(),
                    attribution.guestEmail(), StripeObjects.id(session.get("payment_intent")), event.created()), event.id());
        }
    }

    void payments(ConsumerRecord<String, String> record) {
        StripeEvent event = StripeEvent.of(record);
        if (!event.type().equals("charge.refunded")) {
            return;
        }
        JsonNode charge = event.object();
        long amount = charge.path("amount").asLong(0);
        boolean full = charge.path("refunded").asBoolean(false)
                || (amount > 0 && charge.path("amount_refunded").asLong(0) >= amount);
        if (!full) {
            LOG.debugf("%s: charge %s partially refunded; access stays", event.id(), event.objectId());
            return;
        }
        revocations.revokePayment(StripeObjects.id(charge.get("payment_intent")), event.objectId(), event.account(),
                "refunded", event.created(), event.id());
    }

    void disputes(ConsumerRecord<String, String> record) {
        StripeEvent event = StripeEvent.of(record);
        if (!event.type().equals("charge.dispute.closed")) {
            return;
        }
        JsonNode dispute = event.object();
        if (!"lost".equals(StripeObjects.text(dispute.get("status")))) {
            return;
        }
        revocations.revokePayment(StripeObjects.id(dispute.get("payment_intent")), StripeObjects.id(dispute.get("charge")),
                event.account(), "dispute_lost", event.created(), event.id());
    }
}
