package dev.tessera.checkout.domain;

import dev.tessera.checkout.persistence.CheckoutRepository;
import dev.tessera.checkout.persistence.ClaimRepository;
import dev.tessera.checkout.persistence.SeatRepository;
import dev.tessera.runtime.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Attaches a guest's completed purchase to the signed-in user who redeems its claim token. */
@ApplicationScoped
public class ClaimService {

    private final ClaimRepository claims;
    private final CheckoutRepository checkouts;
    private final SeatRepository seats;
    private final CheckoutEvents events;

    ClaimService(ClaimRepository claims, CheckoutRepository checkouts, SeatRepository seats, CheckoutEvents events) {
        this.claims = claims;
        this.checkouts = checkouts;
        this.seats = seats;
        this.events = events;
    }

    /**
     * Redeems the token for {@code userId}. Redeeming again by the same user returns the same checkout; by anyone
     * else it is refused.
     */
    @Transactional
    public Checkout claim(String token, String userId) {
        GuestClaim claim = claims.findByTokenForUpdate(token).orElseThrow(() ->
                ProblemException.of(CheckoutErrorCode.CLAIM_NOT_FOUND, "this claim link is not valid"));
        if (claim.isClaimed()) {
            if (claim.claimedBy().equals(userId)) {
                return checkouts.findById(claim.checkoutId());
            }
            throw ProblemException.of(CheckoutErrorCode.CLAIM_ALREADY_USED,
                    "this purchase has already been attached to another account");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!now.isBefore(claim.expiresAt())) {
            throw ProblemException.of(CheckoutErrorCode.CLAIM_EXPIRED, "this claim link expired at " + claim.expiresAt());
        }
        Checkout checkout = checkouts.findForUpdate(claim.checkoutId()).orElseThrow();
        checkout.claimedBy(userId, now);
        seats.findByCheckout(checkout.id()).ifPresent(seat -> seat.transferTo("user:" + userId, now));
        claim.claim(userId, now);
        events.claimed(checkout, userId, claim.email());
        return checkout;
    }
}
