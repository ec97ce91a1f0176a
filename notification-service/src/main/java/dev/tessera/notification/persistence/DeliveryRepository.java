package dev.tessera.notification.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, Long> {

    private static final String INSERT_ONCE = """
            insert into delivery (source_key, source_event_id, source_type, template, recipient_email,
                recipient_user_id, audience, seller_id, locale, transactional, status, subject, body_text, body_html,
                model, next_attempt_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            on conflict (source_key, template, recipient_email) do nothing
            """;

    private static final String LOCK_NEXT_DUE = """
            select * from delivery
            where status in ('PENDING', 'FAILED') and next_attempt_at <= ?1
            order by next_attempt_at, id
            limit 1
            for update skip locked
            """;

    /** A delivery to record; see {@link #insertOnce}. */
    public record NewDelivery(String sourceKey, String sourceEventId, String sourceType, String template,
                              String recipientEmail, String recipientUserId, String audience, String sellerId,
                              String locale, boolean transactional, String status, String subject, String bodyText,
                              String bodyHtml, String model, Instant nextAttemptAt) {
    }

    /**
     * Records a delivery unless one with the same (source key, template, recipient) exists; true if this call
     * recorded it. Runs on the caller's transaction, so it commits with the consumer's inbox row. Concurrent
     * inserts of one key serialise on the unique constraint: the second waits, then inserts nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertOnce(NewDelivery d) {
        int inserted = getEntityManager().createNativeQuery(INSERT_ONCE)
                .setParameter(1, d.sourceKey())
                .setParameter(2, d.sourceEventId())
                .setParameter(3, d.sourceType())
                .setParameter(4, d.template())
                .setParameter(5, d.recipientEmail())
                .setParameter(6, d.recipientUserId())
                .setParameter(7, d.audience())
                .setParameter(8, d.sellerId())
                .setParameter(9, d.locale())
                .setParameter(10, d.transactional())
                .setParameter(11, d.status())
                .setParameter(12, d.subject())
                .setParameter(13, d.bodyText())
                .setParameter(14, d.bodyHtml())
                .setParameter(15, d.model())
                .setParameter(16, d.nextAttemptAt())
                .executeUpdate();
        return inserted == 1;
    }

    public List<Delivery> bySource(String sourceKey, String template) {
        return list("sourceKey = ?1 and template = ?2", Sort.by("id"), sourceKey, template);
    }

    /** The oldest due delivery, locked for this transaction; rows other senders hold are skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Optional<Delivery> lockNextDue(Instant now) {
        List<Delivery> rows = getEntityManager().createNativeQuery(LOCK_NEXT_DUE, Delivery.class)
                .setParameter(1, now)
                .getResultList();
        return rows.stream().findFirst();
    }

    public List<Delivery> page(String status, int page, int size) {
        var query = status == null ? findAll(Sort.descending("id")) : find("status", Sort.descending("id"), status);
        return query.page(Page.of(page, size)).list();
    }

    public long countWithStatus(String status) {
        return status == null ? count() : count("status", status);
    }

    /** A person's deliveries: addressed to their user id, or to their e-mail address. */
    public List<Delivery> forRecipient(String userId, String email, int page, int size) {
        if (email == null) {
            return find("recipientUserId", Sort.descending("id"), userId).page(Page.of(page, size)).list();
        }
        return find("recipientUserId = ?1 or recipientEmail = ?2", Sort.descending("id"), userId, email)
                .page(Page.of(page, size)).list();
    }

    public long countForRecipient(String userId, String email) {
        return email == null ? count("recipientUserId", userId)
                : count("recipientUserId = ?1 or recipientEmail = ?2", userId, email);
    }

    /** The newest deliveries, optionally to one address: what the dev inbox shows. */
    public List<Delivery> newest(String email, int limit) {
        var query = email == null ? findAll(Sort.descending("id")) : find("recipientEmail", Sort.descending("id"), email);
        return query.page(Page.ofSize(limit)).list();
    }

    public long backlog() {
        return count("status in ('PENDING', 'FAILED')");
    }
}
