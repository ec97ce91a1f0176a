package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;

/** The right to attach a guest's purchase to an account. Only the token's hash is stored. */
@Entity
@DynamicUpdate
@Table(name = "guest_claim")
public class GuestClaim {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;
    @Column(name = "checkout_id", nullable = false)
    private String checkoutId;
    @Column(nullable = false)
    private String email;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "claimed_by")
    private String claimedBy;
    @Column(name = "claimed_at")
    private Instant claimedAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GuestClaim() {
    }

    public static GuestClaim issue(String token, String checkoutId, String email, Instant expiresAt, Instant now) {
        GuestClaim claim = new GuestClaim();
        claim.tokenHash = hash(token);
        claim.checkoutId = checkoutId;
        claim.email = email;
        claim.expiresAt = expiresAt;
        claim.createdAt = now;
        return claim;
    }

    public static String hash(String token) {
        return Ids.sha256(token);
    }

    public void claim(String userId, Instant now) {
        this.claimedBy = userId;
        this.claimedAt = now;
    }

    public boolean isClaimed() {
        return claimedBy != null;
    }

    public String checkoutId() {
        return checkoutId;
    }

    public String email() {
        return email;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String claimedBy() {
        return claimedBy;
    }

    public Instant claimedAt() {
        return claimedAt;
    }
}
