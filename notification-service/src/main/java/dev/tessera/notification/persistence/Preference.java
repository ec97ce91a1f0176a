package dev.tessera.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "notification_preference")
public class Preference {

    @Id
    @Column(name = "user_id")
    public String userId;

    public String email;

    @Column(name = "opt_out_non_transactional", nullable = false)
    public boolean optOutNonTransactional;

    public String locale;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
