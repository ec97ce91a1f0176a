package dev.tessera.checkout.api;

import dev.tessera.runtime.auth.Caller;
import dev.tessera.runtime.auth.Roles;

/** Who may see what is not public: the seller's own people and platform staff. */
final class Access {

    private Access() {
    }

    /** True for the seller's own tokens and for ops/finance; never throws (anonymous is simply false). */
    static boolean seesPrivate(Caller caller, String sellerId) {
        if (!caller.isAuthenticated()) {
            return false;
        }
        return caller.hasAnyRole(Roles.OPS, Roles.FINANCE) || sellerId != null && caller.actsForSeller(sellerId);
    }
}
