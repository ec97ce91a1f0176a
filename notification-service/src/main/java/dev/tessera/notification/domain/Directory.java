package dev.tessera.notification.domain;

import dev.tessera.notification.persistence.BuyerContact;
import dev.tessera.notification.persistence.ContactRepository;
import dev.tessera.notification.persistence.SellerContact;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Finds whom to write to and what to call things: buyers by the address on the Stripe object or event (else the
 * address learned for their user id from Stripe metadata, other events or their own token), sellers by their seller contact, offerings and groups by their catalog names.
 */
@ApplicationScoped
public class Directory {

    private static final Logger LOG = Logger.getLogger(Directory.class);

    private final ContactRepository contacts;
    private final MeterRegistry registry;

    Directory(ContactRepository contacts, MeterRegistry registry) {
        this.contacts = contacts;
        this.registry = registry;
    }

    /**
     * The buyer: {@code email} if it is an address, else the address known for {@code userId}. Empty (logged and
     * counted) when neither is known: nothing can ever be sent, so the event is not dead-lettered.
     */
    public Optional<Recipient> buyer(String email, String userId, String sellerId, String localeHint,
                                     Template template, String sourceKey) {
        Optional<BuyerContact> known = contacts.buyer(userId);
        Optional<String> address = Notifier.normaliseEmail(email)
                .or(() -> known.flatMap(contact -> Notifier.normaliseEmail(contact.email)))
                .or(() -> userId == null ? Optional.empty()
                        : contacts.preference(userId, null).flatMap(p -> Notifier.normaliseEmail(p.email)));
        if (address.isEmpty()) {
            unresolved(template, sourceKey, "no e-mail address for buyer " + (userId == null ? "(unknown user)" : userId));
            return Optional.empty();
        }
        String locale = Formats.normaliseLocale(localeHint)
                .or(() -> known.flatMap(contact -> Formats.normaliseLocale(contact.locale))).orElse(null);
        return Optional.of(new Recipient(address.get(), userId, sellerId, locale));
    }

    /** The seller's contact, by seller id or else by its Stripe account. */
    public Optional<SellerContact> sellerContact(String sellerId, String stripeAccount) {
        return contacts.seller(sellerId).or(() -> contacts.sellerByStripeAccount(stripeAccount));
    }

    public Recipient seller(SellerContact contact) {
        return new Recipient(contact.email, null, contact.sellerId, contact.locale);
    }

    /** The seller's display name, if it has one. */
    public String sellerName(String sellerId) {
        return contacts.seller(sellerId).map(contact -> contact.displayName).orElse(null);
    }

    /** What was bought: the catalog's name of the offering, else Stripe's description. */
    public String itemName(String offeringId, String stripeDescription) {
        return contacts.catalogName("offering", offeringId).orElse(stripeDescription);
    }

    public String groupName(String groupId) {
        return contacts.catalogName("group", groupId).orElse(null);
    }

    /** Remembers a buyer's address for later events that only name the user. */
    public void learnBuyer(String userId, String email, String locale) {
        if (userId == null) {
            return;
        }
        Notifier.normaliseEmail(email).ifPresent(address ->
                contacts.learnBuyer(userId, address, Formats.normaliseLocale(locale).orElse(null)));
    }

    public void unresolved(Template template, String sourceKey, String why) {
        registry.counter("tessera.notification.unresolved_recipient", "template", template.id()).increment();
        LOG.warnf("not sending %s for %s: %s", template.id(), sourceKey, why);
    }
}
