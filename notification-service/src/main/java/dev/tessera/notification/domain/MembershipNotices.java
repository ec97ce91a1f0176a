package dev.tessera.notification.domain;

import dev.tessera.notification.NotificationConfig;
import dev.tessera.notification.persistence.MembershipWatch;
import dev.tessera.notification.persistence.MembershipWatchRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Membership messages: activated and cancelled as membership-service announces them (keyed by the domain event),
 * and the "expiring" reminder, which this service schedules itself from the memberships it watches: a membership
 * that will end (cancelled at period end, or cancelled with access until the period ends) gets one reminder
 * {@code tessera.notification.expiring.notice} before it ends, unless the ending was announced too late for it. A
 * {@code membership.expiring} event, should membership-service ever publish one, is sent as it comes.
 */
@ApplicationScoped
public class MembershipNotices {

    private static final Logger LOG = Logger.getLogger(MembershipNotices.class);

    private final Notifier notifier;
    private final Directory directory;
    private final MembershipWatchRepository watches;
    private final NotificationConfig config;

    MembershipNotices(Notifier notifier, Directory directory, MembershipWatchRepository watches,
                      NotificationConfig config) {
        this.notifier = notifier;
        this.directory = directory;
        this.watches = watches;
        this.config = config;
    }

    /** What a membership event says, read defensively from its payload. */
    public record Change(String eventId, String eventType, String membershipId, String sellerId, String groupId,
                         String offeringId, String userId, String email, String status, Instant currentPeriodEnd,
                         boolean cancelAtPeriodEnd, Instant graceUntil, Instant effectiveAt) {
    }

    public void notify(Change change, Template template, String sourceKey) {
        Optional<Recipient> recipient = directory.buyer(change.email(), change.userId(), change.sellerId(), null,
                template, sourceKey);
        if (recipient.isEmpty()) {
            return;
        }
        notifier.notify(new Notice(sourceKey, change.eventId(), change.eventType(), template, recipient.get(),
                data(change.offeringId(), change.groupId(), change.sellerId(), change.currentPeriodEnd(),
                        accessUntil(change)), null));
    }

    /** Keeps the newest state of the membership (by when it changed at Stripe) for the reminder. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void watch(Change change) {
        if (change.membershipId() == null || change.status() == null) {
            return;
        }
        Instant effectiveAt = change.effectiveAt() != null ? change.effectiveAt() : Instant.now();
        MembershipWatch watch = watches.findById(change.membershipId());
        boolean created = watch == null;
        if (created) {
            watch = new MembershipWatch();
            watch.membershipId = change.membershipId();
        } else if (effectiveAt.isBefore(watch.effectiveAt)) {
            return; // an older event, replayed or reordered
        }
        watch.userId = change.userId();
        watch.email = change.email();
        watch.sellerId = change.sellerId();
        watch.groupId = change.groupId();
        watch.offeringId = change.offeringId();
        watch.status = change.status();
        watch.effectiveAt = effectiveAt;
        watch.updatedAt = Instant.now();
        Instant endsAt = change.currentPeriodEnd();
        boolean ending = endsAt != null && endsAt.isAfter(effectiveAt)
                && (("active".equals(change.status()) && change.cancelAtPeriodEnd())
                || "cancelled".equals(change.status()));
        watch.ending = ending;
        watch.endsAt = endsAt;
        Duration notice = config.expiring().notice();
        watch.remindAt = ending && Duration.between(effectiveAt, endsAt).compareTo(notice) > 0
                ? endsAt.minus(notice) : null;
        if (created) {
            // Hibernate inserts the state an entity has when it is persisted: persist it complete
            watches.persist(watch);
        }
    }

    @Scheduled(every = "${tessera.notification.expiring.interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendReminders() {
        if (!config.expiring().enabled()) {
            return;
        }
        try {
            List<String> due = QuarkusTransaction.requiringNew().call(() ->
                    watches.remindersDue(Instant.now(), 200).stream().map(w -> w.membershipId).toList());
            for (String membershipId : due) {
                QuarkusTransaction.requiringNew().run(() -> remind(membershipId));
            }
        } catch (RuntimeException e) {
            LOG.warnf("membership reminders failed: %s", e.toString());
        }
    }

    private void remind(String membershipId) {
        MembershipWatch watch = watches.findById(membershipId);
        if (watch == null || !watch.ending || watch.endsAt == null || watch.endsAt.equals(watch.remindedFor)) {
            return;
        }
        String key = "expiring:" + membershipId + ":" + watch.endsAt.getEpochSecond();
        directory.buyer(watch.email, watch.userId, watch.sellerId, null, Template.MEMBERSHIP_EXPIRING, key)
                .ifPresent(recipient -> notifier.notify(new Notice(key, "reminder:" + membershipId,
                        "membership.expiring", Template.MEMBERSHIP_EXPIRING, recipient,
                        data(watch.offeringId, watch.groupId, watch.sellerId, watch.endsAt, watch.endsAt), null)));
        watch.remindedFor = watch.endsAt;
    }

    private Map<String, Object> data(String offeringId, String groupId, String sellerId, Instant periodEnd,
                                     Instant accessUntil) {
        Map<String, Object> data = new HashMap<>();
        data.put("itemName", directory.itemName(offeringId, null));
        data.put("groupName", directory.groupName(groupId));
        data.put("sellerName", directory.sellerName(sellerId));
        data.put("periodEnd", periodEnd);
        data.put("accessUntil", accessUntil);
        return data;
    }

    /** Until when a member keeps access: the grace end while past due, else the paid period's end, if ahead. */
    private static Instant accessUntil(Change change) {
        Instant until = change.graceUntil() != null ? change.graceUntil() : change.currentPeriodEnd();
        Instant reference = change.effectiveAt() != null ? change.effectiveAt() : Instant.now();
        return until != null && until.isAfter(reference) ? until : null;
    }
}
