package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * A catalog record that Stripe mirrors: how far Stripe has caught up with it, and when it last changed. A sync
 * compares {@link #updatedAt()} before and after its Stripe calls, so the timestamps live with the sync state.
 * A mapped superclass rather than an embeddable keeps the columns and the query paths
 * ({@code syncState}, {@code syncAttempts}, {@code updatedAt}) as they were.
 */
@MappedSuperclass
public abstract class StripeSyncedRecord {

    @Column(name = "sync_state", nullable = false)
    private String syncState;
    @Column(name = "sync_error")
    private String syncError;
    @Column(name = "sync_attempts", nullable = false)
    private int syncAttempts;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StripeSyncedRecord() {
    }

    /** A new record has nothing in Stripe yet. */
    protected void created(Instant now) {
        this.createdAt = now;
        this.updatedAt = now;
        this.syncState = SyncState.PENDING;
    }

    /** For changes Stripe does not show, so no sync is due. */
    protected void changedLocally(Instant now) {
        this.updatedAt = now;
    }

    protected void syncDue(Instant now) {
        changedLocally(now);
        this.syncState = SyncState.PENDING;
    }

    protected void clearSyncFailures() {
        this.syncError = null;
        this.syncAttempts = 0;
    }

    public void syncSucceeded() {
        this.syncState = SyncState.SYNCED;
        clearSyncFailures();
    }

    public void syncFailed(String error) {
        this.syncState = SyncState.FAILED;
        this.syncError = error;
        this.syncAttempts++;
    }

    public String syncState() {
        return syncState;
    }

    public String syncError() {
        return syncError;
    }

    public int syncAttempts() {
        return syncAttempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
