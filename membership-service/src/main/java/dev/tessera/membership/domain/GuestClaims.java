package dev.tessera.membership.domain;

import dev.tessera.events.checkout.GuestClaimed;
import dev.tessera.membership.persistence.MembershipStore;
import dev.tessera.membership.persistence.RecordsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * A guest's purchase claimed by a user: memberships and grants of that checkout move to the user. The claim
 * is kept, so a purchase whose Stripe events arrive after the claim goes to the user directly.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class GuestClaims {

    private final RecordsStore records;
    private final MembershipStore memberships;
    private final MembershipService membershipService;
    private final EntitlementService entitlements;

    GuestClaims(RecordsStore records, MembershipStore memberships, MembershipService membershipService,
                EntitlementService entitlements) {
        this.records = records;
        this.memberships = memberships;
        this.membershipService = membershipService;
        this.entitlements = entitlements;
    }

    public void claim(GuestClaimed claimed, String causationId) {
        if (blank(claimed.checkoutId()) || blank(claimed.userId())) {
            throw new IllegalArgumentException("checkout.guest_claimed needs checkoutId and userId");
        }
        RecordsStore.GuestClaim claim = new RecordsStore.GuestClaim(claimed.checkoutId(), claimed.userId(),
                EntitlementService.normalize(claimed.email()), claimed.sessionId(), claimed.subscriptionId(),
                claimed.paymentIntentId());
        records.upsertClaim(claim, causationId);
        for (Membership m : memberships.byClaim(claim.checkoutId(), claim.sessionId(), claim.subscriptionId())) {
            membershipService.assignUser(m.id(), claim.userId(), causationId);
        }
        entitlements.claimPurchases(claim, causationId);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
