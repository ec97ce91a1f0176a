package dev.tessera.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "seller_contact")
public class SellerContact {

    @Id
    @Column(name = "seller_id")
    public String sellerId;

    @Column(nullable = false)
    public String email;

    @Column(name = "display_name")
    public String displayName;

    public String locale;

    @Column(name = "stripe_account_id")
    public String stripeAccountId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
