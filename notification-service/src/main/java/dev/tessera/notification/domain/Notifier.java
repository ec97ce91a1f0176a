package dev.tessera.notification.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tessera.events.EventJson;
import dev.tessera.notification.NotificationConfig;
import dev.tessera.notification.persistence.ContactRepository;
import dev.tessera.notification.persistence.Delivery;
import dev.tessera.notification.persistence.DeliveryRepository;
import dev.tessera.notification.persistence.Preference;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Turns notices into rows of the delivery log, exactly once per (source key, template, recipient), on the
 * consumer's transaction. Renders at once (so the log and the dev inbox show the message, and a template error
 * fails the event, visibly, instead of the send); the {@link DeliverySender} sends later.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final TypeReference<LinkedHashMap<String, Object>> MODEL = new TypeReference<>() {
    };

    public enum Result {
        CREATED, SUPPRESSED, DUPLICATE
    }

    private final DeliveryRepository deliveries;
    private final ContactRepository contacts;
    private final Renderer renderer;
    private final ZoneId zone;
    private final MeterRegistry registry;
    private final EntityManager em;

    Notifier(DeliveryRepository deliveries, ContactRepository contacts, Renderer renderer, NotificationConfig config,
             MeterRegistry registry, EntityManager em) {
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.renderer = renderer;
        this.zone = config.timeZone();
        this.registry = registry;
        this.em = em;
    }

    /** Lower-cased and trimmed; empty if it does not look like an address. */
    public static Optional<String> normaliseEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String normalised = email.trim().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(normalised).matches() ? Optional.of(normalised) : Optional.empty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Result notify(Notice notice) {
        Template template = notice.template();
        Recipient recipient = notice.recipient();
        String email = normaliseEmail(recipient.email()).orElseThrow(() -> new IllegalArgumentException(
                "not an e-mail address for " + template.id() + " of " + notice.sourceKey()));
        Optional<Preference> preference = contacts.preference(recipient.userId(), email);
        String requested = preference.map(p -> p.locale).filter(l -> l != null && !l.isBlank())
                .orElse(recipient.localeHint());
        String locale = renderer.resolveLocale(template, requested);
        Map<String, Object> presented = Presenter.present(notice.data(), Locale.forLanguageTag(locale), zone);
        Rendered rendered = renderer.render(template, locale, presented);
        boolean suppressed = !template.transactional()
                && preference.map(p -> p.optOutNonTransactional).orElse(false);
        DeliveryStatus status = suppressed ? DeliveryStatus.SUPPRESSED : DeliveryStatus.PENDING;
        Instant now = Instant.now();
        boolean created = deliveries.insertOnce(new DeliveryRepository.NewDelivery(notice.sourceKey(),
                notice.sourceEventId(), notice.sourceType(), template.id(), email, recipient.userId(),
                template.audience().name(), recipient.sellerId(), locale, template.transactional(), status.name(),
                rendered.subject(), rendered.text(), rendered.html(), EventJson.write(presented),
                notice.notBefore() == null || notice.notBefore().isBefore(now) ? now : notice.notBefore()));
        Result result = !created ? Result.DUPLICATE : suppressed ? Result.SUPPRESSED : Result.CREATED;
        registry.counter("tessera.notification.deliveries", "template", template.id(),
                "outcome", result.name().toLowerCase(Locale.ROOT)).increment();
        // the user id, never the address: no PII in logs
        LOG.debugf("%s %s to user %s for %s (%s)", result, template.id(), recipient.userId(), notice.sourceKey(),
                notice.sourceType());
        return result;
    }

    /** Whether any delivery of {@code template} for the fact exists, whatever its recipient and status. */
    public boolean exists(String sourceKey, Template template) {
        return !deliveries.bySource(sourceKey, template.id()).isEmpty();
    }

    /**
     * Adds values to the not yet sent deliveries of a fact (a receipt waiting for Stripe's receipt link), renders
     * them again and makes them due now. A delivery the sender already holds or sent is left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int enrichPending(String sourceKey, Template template, Map<String, Object> additions) {
        int enriched = 0;
        for (Delivery delivery : deliveries.bySource(sourceKey, template.id())) {
            if (!DeliveryStatus.PENDING.name().equals(delivery.status)) {
                continue;
            }
            Map<String, Object> model = EventJson.mapper().convertValue(EventJson.tree(delivery.model), MODEL);
            model.putAll(Presenter.present(additions, Locale.forLanguageTag(delivery.locale), zone));
            Rendered rendered = renderer.render(template, delivery.locale, model);
            // conditional on PENDING, re-checked after any lock the sender holds: never un-sends a sent row
            enriched += em.createNativeQuery("""
                            update delivery set subject = ?1, body_text = ?2, body_html = ?3, model = ?4,
                                next_attempt_at = now(), updated_at = now()
                            where id = ?5 and status = 'PENDING'
                            """)
                    .setParameter(1, rendered.subject()).setParameter(2, rendered.text())
                    .setParameter(3, rendered.html()).setParameter(4, EventJson.write(model))
                    .setParameter(5, delivery.id)
                    .executeUpdate();
        }
        return enriched;
    }
}
