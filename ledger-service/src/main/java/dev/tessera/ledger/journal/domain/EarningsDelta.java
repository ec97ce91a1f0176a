package dev.tessera.ledger.journal.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a posting adds to a seller's earnings summary for one day (UTC), offering kind and commission
 * rate; amounts in minor units of {@code currency} (the settlement currency). {@code net} is the change of
 * what the seller earns: gross minus commission minus refunds and disputes (the seller's part of them).
 */
public record EarningsDelta(String sellerId, String currency, LocalDate day, String offeringKind, int commissionBps,
                            long gross, long stripeFees, long commission, long refunds, long disputes, long net,
                            int sales, int refundCount, int disputeCount) {

    public EarningsDelta {
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(offeringKind, "offeringKind");
    }

    public Key key() {
        return new Key(sellerId, currency, day, offeringKind, commissionBps);
    }

    public EarningsDelta plus(EarningsDelta other) {
        return new EarningsDelta(sellerId, currency, day, offeringKind, commissionBps,
                Math.addExact(gross, other.gross), Math.addExact(stripeFees, other.stripeFees),
                Math.addExact(commission, other.commission), Math.addExact(refunds, other.refunds),
                Math.addExact(disputes, other.disputes), Math.addExact(net, other.net),
                sales + other.sales, refundCount + other.refundCount, disputeCount + other.disputeCount);
    }

    public EarningsDelta negated() {
        return new EarningsDelta(sellerId, currency, day, offeringKind, commissionBps, -gross, -stripeFees, -commission,
                -refunds, -disputes, -net, -sales, -refundCount, -disputeCount);
    }

    public record Key(String sellerId, String currency, LocalDate day, String offeringKind, int commissionBps)
            implements Comparable<Key> {

        @Override
        public int compareTo(Key o) {
            int c = sellerId.compareTo(o.sellerId);
            if (c == 0) {
                c = currency.compareTo(o.currency);
            }
            if (c == 0) {
                c = day.compareTo(o.day);
            }
            if (c == 0) {
                c = offeringKind.compareTo(o.offeringKind);
            }
            return c != 0 ? c : Integer.compare(commissionBps, o.commissionBps);
        }
    }
}
