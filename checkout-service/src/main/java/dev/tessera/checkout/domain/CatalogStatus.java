package dev.tessera.checkout.domain;

/** Lifecycle of groups and offerings: drafted, then on sale, then archived (kept for history, never deleted). */
public final class CatalogStatus {

    public static final String DRAFT = "draft";
    public static final String ACTIVE = "active";
    public static final String ARCHIVED = "archived";

    private CatalogStatus() {
    }
}
