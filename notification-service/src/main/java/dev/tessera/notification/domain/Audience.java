package dev.tessera.notification.domain;

/** Who a message is for. */
public enum Audience {
    /** A member, fan or guest who bought something. */
    BUYER,
    /** A seller, at the address in its seller contact. */
    SELLER
}
