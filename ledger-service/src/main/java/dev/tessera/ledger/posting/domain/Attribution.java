package dev.tessera.ledger.posting.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.StripeMetadata;
import java.util.Locale;
import java.util.Optional;

/**
 * Whom a payment concerns, from the Tessera metadata that checkout-service puts on Stripe objects:
 * the seller, the offering and its kind, and the buyer (a user id, else the buyer's e-mail).
 */
public record Attribution(String sellerId, String offeringKind, String offeringId, String groupId, String buyerId) {

    /** What kind of money a charge is for the ledger. */
    public enum ChargeType {
        /** A seller's sale: commission to the platform, the rest payable to the seller. */
        SALE("sale"),
        /** A seller paying for its platform plan: all platform revenue. */
        PLATFORM_PLAN("platform_plan"),
        /** Credits bought by a buyer: owed to the buyer as credits until spent. */
        CREDIT_PACK("credit_pack");

        private final String dbValue;

        ChargeType(String dbValue) {
            this.dbValue = dbValue;
        }

        public String dbValue() {
            return dbValue;
        }

        public static ChargeType fromDb(String value) {
            for (ChargeType type : values()) {
                if (type.dbValue.equals(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown charge type " + value);
        }
    }

    public ChargeType chargeType() {
        if (StripeMetadata.KIND_PLATFORM_PLAN.equals(offeringKind)) {
            return ChargeType.PLATFORM_PLAN;
        }
        if (StripeMetadata.KIND_CREDIT_PACK.equals(offeringKind)) {
            return ChargeType.CREDIT_PACK;
        }
        return ChargeType.SALE;
    }

    /** Enough to post: a sale or plan needs its seller, credits need their buyer. */
    public boolean complete() {
        return switch (chargeType()) {
            case SALE, PLATFORM_PLAN -> sellerId != null;
            case CREDIT_PACK -> buyerId != null;
        };
    }

    /**
     * Reads the metadata of {@code object} (a charge, payment intent, or an invoice's subscription snapshot);
     * empty when it names no seller and no offering kind, i.e. the payment is not Tessera's.
     * {@code fallbackEmail} identifies a buyer without a user id.
     */
    public static Optional<Attribution> fromMetadata(JsonNode metadataOwner, String fallbackEmail) {
        Optional<String> seller = StripeJson.metadata(metadataOwner, StripeMetadata.SELLER_ID);
        Optional<String> kind = StripeJson.metadata(metadataOwner, StripeMetadata.OFFERING_KIND);
        if (seller.isEmpty() && kind.isEmpty()) {
            return Optional.empty();
        }
        String buyer = StripeJson.metadata(metadataOwner, StripeMetadata.USER_ID)
                .or(() -> Optional.ofNullable(fallbackEmail).filter(e -> !e.isBlank())
                        .map(e -> "email:" + e.trim().toLowerCase(Locale.ROOT)))
                .orElse(null);
        return Optional.of(new Attribution(seller.orElse(null), kind.orElse("unknown"),
                StripeJson.metadata(metadataOwner, StripeMetadata.OFFERING_ID).orElse(null),
                StripeJson.metadata(metadataOwner, StripeMetadata.GROUP_ID).orElse(null), buyer));
    }

    /** The buyer's e-mail on a charge, for guests without a user id. */
    public static String chargeEmail(JsonNode charge) {
        return StripeJson.text(charge.get("billing_details"), "email")
                .or(() -> StripeJson.text(charge, "receipt_email")).orElse(null);
    }
}
