package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Something that can be bought: a membership tier of a group, a one-time offering (event ticket, course, service,
 * stream, credit pack, sponsorship add-on) or a platform plan. Its current price is {@link #currentPriceId()}.
 */
@Entity
@DynamicUpdate
@Table(name = "offering")
public class Offering extends StripeSyncedRecord {

    @Id
    private String id;
    @Column(name = "seller_id")
    private String sellerId;
    @Column(name = "group_id")
    private String groupId;
    @Column(nullable = false)
    private String kind;
    @Column(nullable = false)
    private String name;
    private String description;
    @Column(nullable = false)
    private String status;
    private Integer capacity;
    @Column(name = "access_level")
    private String accessLevel;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<String> benefits = new ArrayList<>();
    @Column(name = "starts_at")
    private Instant startsAt;
    private Integer credits;
    @Column(name = "plan_code")
    private String planCode;
    @Column(name = "commission_bps")
    private Integer commissionBasisPoints;
    @Column(name = "current_price_id")
    private String currentPriceId;
    @Column(name = "stripe_product_id")
    private String stripeProductId;
    @Column(name = "stripe_product_fingerprint")
    private String stripeProductFingerprint;

    protected Offering() {
    }

    /** What a seller (or the platform, for plans) describes; everything but price, status and Stripe state. */
    public record Details(String name, String description, String groupId, Integer capacity, String accessLevel,
                          List<String> benefits, Instant startsAt, Integer credits) {
    }

    public static Offering create(String id, String sellerId, OfferingKind kind, Details details, Instant now) {
        Offering offering = new Offering();
        offering.id = id;
        offering.sellerId = sellerId;
        offering.kind = kind.value();
        offering.status = CatalogStatus.DRAFT;
        offering.created(now);
        offering.apply(details, now);
        return offering;
    }

    public void apply(Details details, Instant now) {
        this.name = details.name();
        this.description = details.description();
        this.groupId = details.groupId();
        this.capacity = details.capacity();
        this.accessLevel = details.accessLevel();
        this.benefits = details.benefits() == null ? new ArrayList<>() : new ArrayList<>(details.benefits());
        this.startsAt = details.startsAt();
        this.credits = details.credits();
        touch(now);
    }

    public void makePlatformPlan(String planCode, int commissionBasisPoints) {
        this.planCode = planCode;
        this.commissionBasisPoints = commissionBasisPoints;
    }

    public void changeCommission(int commissionBasisPoints, Instant now) {
        this.commissionBasisPoints = commissionBasisPoints;
        changedLocally(now);
    }

    public void changeStatus(String status, Instant now) {
        this.status = status;
        touch(now);
    }

    public void priceChanged(String priceId, Instant now) {
        this.currentPriceId = priceId;
        touch(now);
    }

    /** Any change may change what Stripe should show, so the offering is due for a sync. */
    private void touch(Instant now) {
        syncDue(now);
        clearSyncFailures();
    }

    public void productSynced(String stripeProductId, String fingerprint) {
        this.stripeProductId = stripeProductId;
        this.stripeProductFingerprint = fingerprint;
    }

    public OfferingKind kindEnum() {
        return OfferingKind.of(kind);
    }

    public boolean isActive() {
        return CatalogStatus.ACTIVE.equals(status);
    }

    public boolean isArchived() {
        return CatalogStatus.ARCHIVED.equals(status);
    }

    public boolean isPlatformPlan() {
        return OfferingKind.PLATFORM_PLAN.value().equals(kind);
    }

    public String id() {
        return id;
    }

    public String sellerId() {
        return sellerId;
    }

    public String groupId() {
        return groupId;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String status() {
        return status;
    }

    public Integer capacity() {
        return capacity;
    }

    public String accessLevel() {
        return accessLevel;
    }

    public List<String> benefits() {
        return benefits == null ? List.of() : List.copyOf(benefits);
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Integer credits() {
        return credits;
    }

    public String planCode() {
        return planCode;
    }

    public Integer commissionBasisPoints() {
        return commissionBasisPoints;
    }

    public String currentPriceId() {
        return currentPriceId;
    }

    public String stripeProductId() {
        return stripeProductId;
    }

    public String stripeProductFingerprint() {
        return stripeProductFingerprint;
    }
}
