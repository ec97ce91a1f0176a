package dev.tessera.checkout.domain;

import dev.tessera.checkout.persistence.SeatRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/** Seats given back from outside a checkout: when the subscription behind a confirmed seat ends. */
@ApplicationScoped
public class SeatReleases {

    private static final Logger LOG = Logger.getLogger(SeatReleases.class);

    private final SeatRepository seats;

    SeatReleases(SeatRepository seats) {
        this.seats = seats;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int subscriptionEnded(String subscriptionId) {
        int released = 0;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (Seat seat : seats.findBySubscription(subscriptionId)) {
            if (seat.release(now)) {
                released++;
            }
        }
        if (released > 0) {
            LOG.debugf("subscription %s ended: %d seat(s) released", subscriptionId, released);
        }
        return released;
    }
}
