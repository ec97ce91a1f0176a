package dev.tessera.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The last known state of a membership, for the reminder before it ends. */
@Entity
@Table(name = "membership_watch")
public class MembershipWatch {

    @Id
    @Column(name = "membership_id")
    public String membershipId;

    @Column(name = "user_id")
    public String userId;

    public String email;

    @Column(name = "seller_id")
    public String sellerId;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "offering_id")
    public String offeringId;

    @Column(nullable = false)
    public String status;

    @Column(name = "ends_at")
    public Instant endsAt;

    /** True while the membership will end at {@link #endsAt} unless something changes (cancelled, past due). */
    @Column(nullable = false)
    public boolean ending;

    @Column(name = "remind_at")
    public Instant remindAt;

    @Column(name = "reminded_for")
    public Instant remindedFor;

    @Column(name = "effective_at", nullable = false)
    public Instant effectiveAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
