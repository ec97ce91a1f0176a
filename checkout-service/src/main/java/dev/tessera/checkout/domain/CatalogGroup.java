package dev.tessera.checkout.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;

/** A seller's group (a community, a club): the home of membership tiers, and optionally of events and courses. */
@Entity
@DynamicUpdate
@Table(name = "catalog_group")
public class CatalogGroup {

    @Id
    private String id;
    @Column(name = "seller_id", nullable = false)
    private String sellerId;
    @Column(nullable = false)
    private String name;
    private String description;
    @Column(nullable = false)
    private String status;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CatalogGroup() {
    }

    public static CatalogGroup create(String sellerId, String name, String description, Instant now) {
        CatalogGroup group = new CatalogGroup();
        group.id = Ids.next("grp");
        group.sellerId = sellerId;
        group.name = name;
        group.description = description;
        group.status = CatalogStatus.DRAFT;
        group.createdAt = now;
        group.updatedAt = now;
        return group;
    }

    public void update(String name, String description, Instant now) {
        this.name = name;
        this.description = description;
        this.updatedAt = now;
    }

    public void changeStatus(String status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    public boolean isActive() {
        return CatalogStatus.ACTIVE.equals(status);
    }

    public boolean isArchived() {
        return CatalogStatus.ARCHIVED.equals(status);
    }

    public String id() {
        return id;
    }

    public String sellerId() {
        return sellerId;
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

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
