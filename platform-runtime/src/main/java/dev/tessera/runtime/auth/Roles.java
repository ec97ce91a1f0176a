package dev.tessera.runtime.auth;

import java.util.Set;

/**
 * The roles a Tessera token can carry in its {@code groups} claim (smallrye-jwt maps {@code groups} to the
 * identity's roles). Constants, so they can be used in {@code @RolesAllowed}.
 */
public final class Roles {

    /** A buyer: member, fan or guest. */
    public static final String MEMBER = "member";
    /** Acts for the sellers listed in the token's {@code seller_ids} claim, and only for those. */
    public static final String SELLER = "seller";
    /** Platform finance staff: read access to every seller's money. */
    public static final String FINANCE = "finance";
    /** Platform operators: support and operations across all sellers. */
    public static final String OPS = "ops";

    public static final Set<String> ALL = Set.of(MEMBER, SELLER, FINANCE, OPS);

    private Roles() {
    }
}
