package dev.tessera.checkout.domain;

import dev.tessera.checkout.persistence.CouponRepository;
import dev.tessera.checkout.persistence.OfferingRepository;
import dev.tessera.checkout.persistence.PriceRepository;
import dev.tessera.events.StripeMetadata;
import dev.tessera.events.catalog.CatalogEventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Makes Stripe's products, prices, coupons and promotion codes match the catalog. Runs after every catalog commit
 * (in the background), on a schedule for whatever is still behind (no key, Stripe down, a failed call), and inline
 * before a checkout needs a price that Stripe does not have yet.
 *
 * <p>Each step's result is committed as soon as Stripe confirms it, and every call carries an idempotency key of
 * record id plus parameter fingerprint, so a crash or a concurrent sync at any point repeats at most a harmless call.
 * A PostgreSQL advisory lock per record keeps two instances from syncing the same record at once (which could
 * otherwise create two products if the offering changed in between).
 */
@ApplicationScoped
public class CatalogSync {

    private static final Logger LOG = Logger.getLogger(CatalogSync.class);
    private static final int BATCH = 50;

    private final OfferingRepository offerings;
    private final PriceRepository prices;
    private final CouponRepository coupons;
    private final StripeCatalog stripe;
    private final CatalogEvents events;
    private final DataSource dataSource;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "catalog-sync");
        thread.setDaemon(true);
        return thread;
    });

    CatalogSync(OfferingRepository offerings, PriceRepository prices, CouponRepository coupons, StripeCatalog stripe,
                CatalogEvents events, DataSource dataSource) {
        this.offerings = offerings;
        this.prices = prices;
        this.coupons = coupons;
        this.stripe = stripe;
        this.events = events;
        this.dataSource = dataSource;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) SyncRequested request) {
        if (!stripe.configured()) {
            return;
        }
        background.submit(() -> {
            try {
                if (request.kind() == SyncRequested.Kind.OFFERING) {
                    syncOffering(request.id());
                } else {
                    syncCoupon(request.id());
                }
            } catch (RuntimeException e) {
                LOG.debugf("background sync of %s %s failed, the scheduled sync retries: %s", request.kind(),
                        request.id(), e.getMessage());
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        background.shutdownNow();
    }

    @Scheduled(every = "${tessera.checkout.sync-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void syncDue() {
        if (!stripe.configured()) {
            return;
        }
        syncAllDue();
    }

    /** Syncs everything that is behind; returns how many records were synced. */
    public int syncAllDue() {
        int synced = 0;
        for (String id : QuarkusTransaction.requiringNew().call(() -> offerings.dueForSync(BATCH))) {
            synced += quietly(() -> syncOffering(id));
        }
        for (String id : QuarkusTransaction.requiringNew().call(() -> coupons.dueForSync(Instant.now(), BATCH))) {
            synced += quietly(() -> syncCoupon(id));
        }
        return synced;
    }

    private static int quietly(Runnable sync) {
        try {
            sync.run();
            return 1;
        } catch (RuntimeException e) {
            LOG.warnf("sync failed, will retry: %s", e.getMessage());
            return 0;
        }
    }

    // ---- offerings -----------------------------------------------------------------------------------------

    private record OfferingSnapshot(String id, Instant updatedAt, String productId, String productFingerprint,
                                    StripeCatalog.ProductSpec spec, OfferingPrice current,
                                    List<OfferingPrice> toDeactivate) {
    }

    /**
     * Brings the offering's product and prices in line.
     *
     * @throws StripeCallException if Stripe refused or could not be reached; the offering is marked failed
     */
    public void syncOffering(String offeringId) {
        withLock("offering:" + offeringId, () -> {
            OfferingSnapshot snapshot = QuarkusTransaction.requiringNew().call(() -> offeringSnapshot(offeringId));
            if (snapshot == null) {
                return;
            }
            try {
                boolean newIds = false;
                String productId = snapshot.productId();
                String fingerprint = snapshot.spec().fingerprint();
                if (productId == null) {
                    productId = stripe.createProduct(offeringId, snapshot.spec());
                    newIds = true;
                } else if (!fingerprint.equals(snapshot.productFingerprint())) {
                    stripe.updateProduct(offeringId, productId, snapshot.spec());
                }
                String syncedProduct = productId;
                QuarkusTransaction.requiringNew().run(() ->
                        offerings.findForUpdate(offeringId).orElseThrow().productSynced(syncedProduct, fingerprint));
                OfferingPrice current = snapshot.current();
                if (current != null && current.stripePriceId() == null) {
                    Map<String, String> metadata = Map.of(StripeMetadata.OFFERING_ID, offeringId, "tessera_price_id",
                            current.id());
                    String stripePriceId = stripe.createPrice(current, syncedProduct, metadata);
                    QuarkusTransaction.requiringNew().run(() -> prices.findForUpdate(current.id()).syncedToStripe(stripePriceId));
                    newIds = true;
                }
                for (OfferingPrice old : snapshot.toDeactivate()) {
                    stripe.deactivatePrice(old);
                    QuarkusTransaction.requiringNew().run(() -> prices.findForUpdate(old.id()).deactivatedInStripe());
                }
                boolean announce = newIds;
                QuarkusTransaction.requiringNew().run(() -> {
                    Offering offering = offerings.findForUpdate(offeringId).orElseThrow();
                    // a change committed meanwhile asked for its own sync: leave the offering pending for it
                    if (offering.updatedAt().equals(snapshot.updatedAt())) {
                        offering.syncSucceeded();
                    }
                    if (announce) {
                        events.offering(CatalogEventTypes.OFFERING_SYNCED, offering);
                    }
                });
            } catch (StripeCallException e) {
                QuarkusTransaction.requiringNew().run(() -> offerings.findForUpdate(offeringId).orElseThrow().syncFailed(e.getMessage()));
                throw e;
            }
        });
    }

    private OfferingSnapshot offeringSnapshot(String offeringId) {
        Offering offering = offerings.findById(offeringId);
        if (offering == null) {
            return null;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(StripeMetadata.OFFERING_ID, offering.id());
        metadata.put(StripeMetadata.OFFERING_KIND, offering.kind());
        if (offering.sellerId() != null) {
            metadata.put(StripeMetadata.SELLER_ID, offering.sellerId());
        }
        if (offering.groupId() != null) {
            metadata.put(StripeMetadata.GROUP_ID, offering.groupId());
        }
        if (offering.planCode() != null) {
            metadata.put(StripeMetadata.PLAN, offering.planCode());
        }
        StripeCatalog.ProductSpec spec = new StripeCatalog.ProductSpec(offering.name(), offering.description(),
                !offering.isArchived(), metadata);
        OfferingPrice current = offering.currentPriceId() == null ? null : prices.findById(offering.currentPriceId());
        return new OfferingSnapshot(offering.id(), offering.updatedAt(), offering.stripeProductId(),
                offering.stripeProductFingerprint(), spec, current, prices.supersededButActiveInStripe(offeringId));
    }

    // ---- coupons -------------------------------------------------------------------------------------------

    /**
     * Creates the coupon and its promotion code in Stripe (after the products it applies to), and opens or closes
     * the promotion code with the redemption window.
     *
     * @throws StripeCallException if Stripe refused or could not be reached; the coupon is marked failed
     */
    public void syncCoupon(String couponId) {
        withLock("coupon:" + couponId, () -> {
            Coupon coupon = QuarkusTransaction.requiringNew().call(() -> coupons.findById(couponId));
            if (coupon == null) {
                return;
            }
            if (!coupon.isActive() && coupon.stripePromotionCodeId() == null) {
                // archived before it ever reached Stripe: nothing to create, nothing to close
                QuarkusTransaction.requiringNew().run(() -> coupons.findForUpdate(couponId).orElseThrow().syncSucceeded());
                return;
            }
            try {
                List<String> productIds = new ArrayList<>();
                for (String offeringId : coupon.offeringIds()) {
                    String productId = QuarkusTransaction.requiringNew().call(() -> productOf(offeringId));
                    if (productId == null) {
                        syncOffering(offeringId);
                        productId = QuarkusTransaction.requiringNew().call(() -> productOf(offeringId));
                    }
                    productIds.add(productId);
                }
                if (coupon.stripeCouponId() == null) {
                    String stripeCouponId = stripe.createCoupon(coupon, productIds);
                    coupon = QuarkusTransaction.requiringNew().call(() -> {
                        Coupon stored = coupons.findForUpdate(couponId).orElseThrow();
                        stored.couponSynced(stripeCouponId);
                        return stored;
                    });
                }
                boolean active = coupon.shouldBeActiveInStripe(Instant.now());
                if (coupon.stripePromotionCodeId() == null) {
                    String promotionCodeId = stripe.createPromotionCode(coupon, active);
                    QuarkusTransaction.requiringNew().run(() ->
                            coupons.findForUpdate(couponId).orElseThrow().promotionCodeSynced(promotionCodeId, active));
                } else if (coupon.stripePromotionActive() != active) {
                    stripe.setPromotionCodeActive(coupon, active);
                    String promotionCodeId = coupon.stripePromotionCodeId();
                    QuarkusTransaction.requiringNew().run(() ->
                            coupons.findForUpdate(couponId).orElseThrow().promotionCodeSynced(promotionCodeId, active));
                }
                String status = coupon.status();
                QuarkusTransaction.requiringNew().run(() -> {
                    Coupon stored = coupons.findForUpdate(couponId).orElseThrow();
                    if (stored.status().equals(status)) {
                        stored.syncSucceeded();
                    }
                });
            } catch (StripeCallException e) {
                QuarkusTransaction.requiringNew().run(() -> coupons.findForUpdate(couponId).orElseThrow().syncFailed(e.getMessage()));
                throw e;
            }
        });
    }

    private String productOf(String offeringId) {
        Offering offering = offerings.findById(offeringId);
        return offering == null ? null : offering.stripeProductId();
    }

    // ---- locking -------------------------------------------------------------------------------------------

    private void withLock(String key, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "select pg_advisory_lock(hashtext(?))", key);
            try {
                work.run();
            } finally {
                execute(connection, "select pg_advisory_unlock(hashtext(?))", key);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the sync lock for " + key, e);
        }
    }

    private static void execute(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.execute();
        }
    }
}
