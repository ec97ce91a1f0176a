package dev.tessera.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "payment_ref")
public class PaymentRef {

    @Id
    @Column(name = "charge_id")
    public String chargeId;

    @Column(name = "payment_intent_id")
    public String paymentIntentId;

    @Column(name = "buyer_email")
    public String buyerEmail;

    @Column(name = "buyer_user_id")
    public String buyerUserId;

    @Column(name = "seller_id")
    public String sellerId;

    @Column(name = "offering_id")
    public String offeringId;

    public String description;

    public String locale;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
