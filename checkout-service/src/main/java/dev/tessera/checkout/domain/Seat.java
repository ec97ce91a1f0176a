package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;

/**
 * A buyer's place in an offering, one per checkout: held while the session is open (until {@link #heldUntil()}),
 * confirmed when paid, released when the checkout fails, expires or is cancelled, or when the subscription ends.
 * {@code holder} is {@code user:<id>}, {@code guest:<email>} or, for platform plans, {@code seller:<id>}.
 */
@Entity
@DynamicUpdate
@Table(name = "seat")
public class Seat {

    public static final String HELD = "held";
    public static final String CONFIRMED = "confirmed";
    public static final String RELEASED = "released";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "checkout_id", nullable = false)
    private String checkoutId;
    @Column(name = "offering_id", nullable = false)
    private String offeringId;
    @Column(name = "group_id")
    private String groupId;
    @Column(nullable = false)
    private String holder;
    @Column(nullable = false)
    private int quantity;
    @Column(nullable = false)
    private String state;
    @Column(name = "held_until")
    private Instant heldUntil;
    @Column(name = "capacity_exempt", nullable = false)
    private boolean capacityExempt;
    @Column(name = "subscription_id")
    private String subscriptionId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Seat() {
    }

    public static Seat hold(String checkoutId, String offeringId, String groupId, String holder, int quantity,
                            Instant heldUntil, boolean capacityExempt, Instant now) {
        Seat seat = new Seat();
        seat.checkoutId = checkoutId;
        seat.offeringId = offeringId;
        seat.groupId = groupId;
        seat.holder = holder;
        seat.quantity = quantity;
        seat.state = HELD;
        seat.heldUntil = heldUntil;
        seat.capacityExempt = capacityExempt;
        seat.createdAt = now;
        seat.updatedAt = now;
        return seat;
    }

    /** Paid: the seat is taken for good (until the subscription ends). */
    public void confirm(String subscriptionId, Instant now) {
        this.state = CONFIRMED;
        this.heldUntil = null;
        if (subscriptionId != null) {
            this.subscriptionId = subscriptionId;
        }
        this.updatedAt = now;
    }

    /** The buyer finished the session but the money is on its way: keep holding without a deadline. */
    public void holdUntilPaid(Instant now) {
        if (HELD.equals(state)) {
            this.heldUntil = null;
            this.updatedAt = now;
        }
    }

    /** Returns true if this call released it. */
    public boolean release(Instant now) {
        if (RELEASED.equals(state)) {
            return false;
        }
        this.state = RELEASED;
        this.updatedAt = now;
        return true;
    }

    public void transferTo(String holder, Instant now) {
        this.holder = holder;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String checkoutId() {
        return checkoutId;
    }

    public String offeringId() {
        return offeringId;
    }

    public String groupId() {
        return groupId;
    }

    public String holder() {
        return holder;
    }

    public int quantity() {
        return quantity;
    }

    public String state() {
        return state;
    }

    public Instant heldUntil() {
        return heldUntil;
    }

    public boolean capacityExempt() {
        return capacityExempt;
    }

    public String subscriptionId() {
        return subscriptionId;
    }
}
