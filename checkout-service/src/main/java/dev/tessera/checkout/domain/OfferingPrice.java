package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;

/**
 * One price of an offering. Stripe prices are immutable, so a price change creates a new row (and a new Stripe
 * price); the previous row is superseded and stays as history.
 */
@Entity
@DynamicUpdate
@Table(name = "offering_price")
public class OfferingPrice {

    @Id
    private String id;
    @Column(name = "offering_id", nullable = false)
    private String offeringId;
    @Column(name = "amount_minor", nullable = false)
    private long amountMinor;
    @Column(nullable = false)
    private String currency;
    @Column(name = "billing_interval")
    private String interval;
    @Column(name = "stripe_price_id")
    private String stripePriceId;
    @Column(name = "stripe_active", nullable = false)
    private boolean stripeActive;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "superseded_at")
    private Instant supersededAt;

    protected OfferingPrice() {
    }

    public static OfferingPrice create(String offeringId, long amountMinor, String currency, String interval, Instant now) {
        OfferingPrice price = new OfferingPrice();
        price.id = Ids.next("prc");
        price.offeringId = offeringId;
        price.amountMinor = amountMinor;
        price.currency = currency;
        price.interval = interval;
        price.createdAt = now;
        return price;
    }

    public boolean sameAs(long amountMinor, String currency, String interval) {
        return this.amountMinor == amountMinor && this.currency.equals(currency)
                && java.util.Objects.equals(this.interval, interval);
    }

    public void supersede(Instant now) {
        this.supersededAt = now;
    }

    public void syncedToStripe(String stripePriceId) {
        this.stripePriceId = stripePriceId;
        this.stripeActive = true;
    }

    public void deactivatedInStripe() {
        this.stripeActive = false;
    }

    public boolean isCurrent() {
        return supersededAt == null;
    }

    public String id() {
        return id;
    }

    public String offeringId() {
        return offeringId;
    }

    public long amountMinor() {
        return amountMinor;
    }

    public String currency() {
        return currency;
    }

    public String interval() {
        return interval;
    }

    public String stripePriceId() {
        return stripePriceId;
    }

    public boolean stripeActive() {
        return stripeActive;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant supersededAt() {
        return supersededAt;
    }
}
