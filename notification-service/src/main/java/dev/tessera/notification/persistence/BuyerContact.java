package dev.tessera.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "buyer_contact")
public class BuyerContact {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(nullable = false)
    public String email;

    public String locale;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
