package dev.tessera.notification.messaging;

import static dev.tessera.notification.messaging.Json.firstInstant;
import static dev.tessera.notification.messaging.Json.firstText;
import static dev.tessera.notification.messaging.Json.number;
import static dev.tessera.notification.messaging.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.DomainEvent;
import dev.tessera.events.checkout.CheckoutEventTypes;
import dev.tessera.events.membership.MembershipEventTypes;
import dev.tessera.events.payout.PayoutEventTypes;
import dev.tessera.events.risk.DisputeOpened;
import dev.tessera.events.risk.RiskEventTypes;
import dev.tessera.notification.domain.Directory;
import dev.tessera.notification.domain.MembershipNotices;
import dev.tessera.notification.domain.Notice;
import dev.tessera.notification.domain.Notifier;
import dev.tessera.notification.domain.Recipient;
import dev.tessera.notification.domain.RefundNotices;
import dev.tessera.notification.domain.SellerNotices;
import dev.tessera.notification.domain.Template;
import dev.tessera.notification.persistence.ContactRepository;
import dev.tessera.runtime.messaging.PoisonMessageException;
import dev.tessera.runtime.money.Money;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Domain events of the other services, recognised by their envelope type. Payloads are read field by field and
 * defensively (contracts grow additively, and some are still young), with the contract records' field names.
 */
@ApplicationScoped
public class DomainHandlers {

    private static final Logger LOG = Logger.getLogger(DomainHandlers.class);
    static final String MEMBERSHIP_EXPIRING = "membership.expiring";

    private final Notifier notifier;
    private final Directory directory;
    private final ContactRepository contacts;
    private final MembershipNotices memberships;
    private final RefundNotices refunds;
    private final SellerNotices sellers;

    DomainHandlers(Notifier notifier, Directory directory, ContactRepository contacts, MembershipNotices memberships,
                   RefundNotices refunds, SellerNotices sellers) {
        this.notifier = notifier;
        this.directory = directory;
        this.contacts = contacts;
        this.memberships = memberships;
        this.refunds = refunds;
        this.sellers = sellers;
    }

    public void handle(ConsumerRecord<String, String> record) {
        DomainEvent event = DomainEvent.fromJson(record.value());
        String type = event.type();
        JsonNode data = event.data();
        switch (type) {
            case MembershipEventTypes.ACTIVATED -> membership(event, Template.MEMBERSHIP_ACTIVATED);
            case MembershipEventTypes.CANCELLED -> membership(event, Template.MEMBERSHIP_CANCELLED);
            case MEMBERSHIP_EXPIRING -> membership(event, Template.MEMBERSHIP_EXPIRING);
            case MembershipEventTypes.RENEWED, MembershipEventTypes.PAST_DUE, MembershipEventTypes.EXPIRED,
                    MembershipEventTypes.REVOKED -> memberships.watch(membershipChange(event));
            case MembershipEventTypes.ENTITLEMENT_GRANTED, CheckoutEventTypes.COMPLETED,
                    CheckoutEventTypes.GUEST_CLAIMED -> directory.learnBuyer(text(data, "userId"),
                    text(data, "email"), text(data, "locale"));
            case CheckoutEventTypes.GUEST_CLAIM_ISSUED -> guestClaim(event);
            case PayoutEventTypes.PAID -> payout(event, Template.PAYOUT_PAID);
            case PayoutEventTypes.FAILED -> payout(event, Template.PAYOUT_FAILED);
            case DisputeOpened.TYPE -> dispute(event);
            case RiskEventTypes.REFUND_ISSUED -> refunds.issued(event.id().toString(), type, text(data, "refundId"),
                    text(data, "chargeId"), text(data, "paymentIntentId"), money(data, "amount"),
                    Optional.ofNullable(firstInstant(data, "refundedAt", "createdAt")).orElse(event.occurredAt()));
            default -> {
                if (type.startsWith("catalog.offering.")) {
                    catalogName(data, "offering", "offeringId");
                } else if (type.startsWith("catalog.group.")) {
                    catalogName(data, "group", "groupId");
                } else {
                    LOG.tracef("ignoring %s %s", type, event.id());
                }
            }
        }
    }

    private void membership(DomainEvent event, Template template) {
        MembershipNotices.Change change = membershipChange(event);
        memberships.watch(change);
        memberships.notify(change, template, event.id().toString());
    }

    private static MembershipNotices.Change membershipChange(DomainEvent event) {
        JsonNode data = event.data();
        return new MembershipNotices.Change(event.id().toString(), event.type(),
                Optional.ofNullable(text(data, "membershipId")).orElse(event.subject()),
                text(data, "sellerId"), text(data, "groupId"), text(data, "offeringId"), text(data, "userId"),
                firstText(data, "guestEmail", "email"), text(data, "status"),
                firstInstant(data, "currentPeriodEnd", "endsAt", "expiresAt"), Json.bool(data, "cancelAtPeriodEnd"),
                Json.instant(data, "graceUntil"),
                Optional.ofNullable(Json.instant(data, "effectiveAt")).orElse(event.occurredAt()));
    }

    private void guestClaim(DomainEvent event) {
        JsonNode data = event.data();
        String claimUrl = firstText(data, "claimUrl", "url");
        String key = event.id().toString();
        if (claimUrl == null) {
            throw new PoisonMessageException("guest claim of checkout " + text(data, "checkoutId") + " has no claimUrl");
        }
        String sellerId = text(data, "sellerId");
        Optional<Recipient> recipient = directory.buyer(text(data, "email"), null, sellerId, text(data, "locale"),
                Template.GUEST_CLAIM, key);
        if (recipient.isEmpty()) {
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("claimUrl", claimUrl);
        model.put("expiresAt", Json.instant(data, "expiresAt"));
        model.put("itemName", Optional.ofNullable(text(data, "offeringName"))
                .orElse(directory.itemName(text(data, "offeringId"), null)));
        model.put("sellerName", directory.sellerName(sellerId));
        notifier.notify(new Notice(key, key, event.type(), Template.GUEST_CLAIM, recipient.get(), model, null));
    }

    private void payout(DomainEvent event, Template template) {
        JsonNode data = event.data();
        sellers.payout(new SellerNotices.Payout(event.id().toString(), event.type(), text(data, "payoutId"),
                text(data, "stripePayoutId"), text(data, "sellerId"), text(data, "stripeAccount"), money(data, "amount"),
                localDate(data, "arrivalDate"), text(data, "failureCode"), text(data, "failureMessage"),
                text(data, "destinationLast4")), template);
    }

    private void dispute(DomainEvent event) {
        JsonNode data = event.data();
        sellers.disputeOpened(new SellerNotices.Dispute(event.id().toString(), event.type(), text(data, "disputeId"),
                text(data, "chargeId"), text(data, "paymentIntentId"), text(data, "sellerId"),
                text(data, "stripeAccount"), money(data, "amount"), text(data, "reason"),
                Json.instant(data, "evidenceDueBy"), Json.instant(data, "openedAt")), true);
    }

    private void catalogName(JsonNode data, String kind, String idField) {
        String id = text(data, idField);
        String name = text(data, "name");
        if (id == null || name == null) {
            return;
        }
        Instant updatedAt = Optional.ofNullable(Json.instant(data, "updatedAt")).orElse(Instant.EPOCH);
        contacts.learnCatalogName(kind, id, name, text(data, "sellerId"), updatedAt);
    }

    /** An amount as the contracts write it: {@code amount} minor units and {@code currency}, or a nested Money. */
    private static Money money(JsonNode data, String field) {
        JsonNode nested = Json.at(data, field);
        Long amount;
        String currency;
        if (nested != null && nested.isObject()) {
            amount = number(nested, "amountMinor");
            currency = text(nested, "currency");
        } else {
            amount = number(data, field);
            currency = text(data, "currency");
        }
        if (amount == null || currency == null) {
            throw new PoisonMessageException("no " + field + " with currency in the event");
        }
        return Money.of(amount, currency);
    }

    private static LocalDate localDate(JsonNode data, String field) {
        String value = text(data, field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
