package dev.tessera.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the service knows about people and things it writes about: seller contacts, buyers' addresses,
 * payments, catalog names, preferences. Writes are upserts, so replays are harmless.
 */
@ApplicationScoped
public class ContactRepository {

    private final EntityManager em;

    ContactRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<SellerContact> seller(String sellerId) {
        return sellerId == null ? Optional.empty() : Optional.ofNullable(em.find(SellerContact.class, sellerId));
    }

    public Optional<SellerContact> sellerByStripeAccount(String stripeAccountId) {
        if (stripeAccountId == null) {
            return Optional.empty();
        }
        return em.createQuery("from SellerContact where stripeAccountId = ?1", SellerContact.class)
                .setParameter(1, stripeAccountId).getResultStream().findFirst();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public SellerContact saveSeller(String sellerId, String email, String displayName, String locale,
                                    String stripeAccountId) {
        SellerContact contact = em.find(SellerContact.class, sellerId);
        boolean created = contact == null;
        if (created) {
            contact = new SellerContact();
            contact.sellerId = sellerId;
        }
        contact.email = email;
        contact.displayName = displayName;
        contact.locale = locale;
        contact.stripeAccountId = stripeAccountId;
        contact.updatedAt = Instant.now();
        if (created) {
            // Hibernate inserts the state an entity has when it is persisted: persist it complete
            em.persist(contact);
        }
        return contact;
    }

    public Optional<BuyerContact> buyer(String userId) {
        return userId == null ? Optional.empty() : Optional.ofNullable(em.find(BuyerContact.class, userId));
    }

    /** Remembers a buyer's address (the newest wins); a known locale is kept when none is given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learnBuyer(String userId, String email, String locale) {
        em.createNativeQuery("""
                        insert into buyer_contact (user_id, email, locale, updated_at) values (?1, ?2, ?3, now())
                        on conflict (user_id) do update set email = excluded.email,
                            locale = coalesce(excluded.locale, buyer_contact.locale), updated_at = now()
                        """)
                .setParameter(1, userId).setParameter(2, email).setParameter(3, locale)
                .executeUpdate();
    }

    public Optional<PaymentRef> payment(String chargeId, String paymentIntentId) {
        if (chargeId != null) {
            PaymentRef ref = em.find(PaymentRef.class, chargeId);
            if (ref != null) {
                return Optional.of(ref);
            }
        }
        if (paymentIntentId != null) {
            return em.createQuery("from PaymentRef where paymentIntentId = ?1 order by updatedAt desc", PaymentRef.class)
                    .setParameter(1, paymentIntentId).setMaxResults(1).getResultStream().findFirst();
        }
        return Optional.empty();
    }

    /** Remembers a charge; fields already known are kept when the new event lacks them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learnPayment(String chargeId, String paymentIntentId, String buyerEmail, String buyerUserId,
                             String sellerId, String offeringId, String description, String locale) {
        em.createNativeQuery("""
                        insert into payment_ref (charge_id, payment_intent_id, buyer_email, buyer_user_id, seller_id,
                            offering_id, description, locale, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now())
                        on conflict (charge_id) do update set
                            payment_intent_id = coalesce(excluded.payment_intent_id, payment_ref.payment_intent_id),
                            buyer_email = coalesce(excluded.buyer_email, payment_ref.buyer_email),
                            buyer_user_id = coalesce(excluded.buyer_user_id, payment_ref.buyer_user_id),
                            seller_id = coalesce(excluded.seller_id, payment_ref.seller_id),
                            offering_id = coalesce(excluded.offering_id, payment_ref.offering_id),
                            description = coalesce(excluded.description, payment_ref.description),
                            locale = coalesce(excluded.locale, payment_ref.locale),
                            updated_at = now()
                        """)
                .setParameter(1, chargeId).setParameter(2, paymentIntentId).setParameter(3, buyerEmail)
                .setParameter(4, buyerUserId).setParameter(5, sellerId).setParameter(6, offeringId)
                .setParameter(7, description).setParameter(8, locale)
                .executeUpdate();
    }

    public Optional<String> catalogName(String kind, String id) {
        if (id == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("select name from catalog_name where kind = ?1 and id = ?2")
                .setParameter(1, kind).setParameter(2, id).getResultList();
        return names.stream().findFirst();
    }

    /** Keeps the newest name of an offering or group (by the catalog's own {@code updatedAt}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learnCatalogName(String kind, String id, String name, String sellerId, Instant updatedAt) {
        em.createNativeQuery("""
                        insert into catalog_name (kind, id, name, seller_id, updated_at) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (kind, id) do update set name = excluded.name, seller_id = excluded.seller_id,
                            updated_at = excluded.updated_at
                        where catalog_name.updated_at <= excluded.updated_at
                        """)
                .setParameter(1, kind).setParameter(2, id).setParameter(3, name).setParameter(4, sellerId)
                .setParameter(5, updatedAt)
                .executeUpdate();
    }

    /** A person's preference, by user id or else by e-mail address. */
    public Optional<Preference> preference(String userId, String email) {
        if (userId != null) {
            Preference byUser = em.find(Preference.class, userId);
            if (byUser != null) {
                return Optional.of(byUser);
            }
        }
        if (email != null) {
            return em.createQuery("from Preference where email = ?1 order by updatedAt desc", Preference.class)
                    .setParameter(1, email).setMaxResults(1).getResultStream().findFirst();
        }
        return Optional.empty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Preference savePreference(String userId, String email, boolean optOut, String locale) {
        Preference preference = em.find(Preference.class, userId);
        boolean created = preference == null;
        if (created) {
            preference = new Preference();
            preference.userId = userId;
        }
        if (email != null) {
            preference.email = email;
        }
        preference.optOutNonTransactional = optOut;
        preference.locale = locale;
        preference.updatedAt = Instant.now();
        if (created) {
            em.persist(preference);
        }
        return preference;
    }
}
