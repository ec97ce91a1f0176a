package dev.tessera.ledger.journal.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a journal transaction records. With the source id it forms the idempotency key of a posting. */
public enum PostingKind {
    CHARGE("charge"),
    REFUND("refund"),
    REFUND_FAILURE("refund_failure"),
    DISPUTE_WITHDRAWAL("dispute_withdrawal"),
    DISPUTE_REINSTATEMENT("dispute_reinstatement"),
    DISPUTE_LOSS("dispute_loss"),
    TRANSFER("transfer"),
    TRANSFER_REVERSAL("transfer_reversal"),
    PAYOUT("payout"),
    PAYOUT_FAILURE("payout_failure"),
    RELEASE("release"),
    CREDIT_REDEMPTION("credit_redemption"),
    COMMISSION_ADJUSTMENT("commission_adjustment"),
    MANUAL("manual"),
    REVERSAL("reversal");

    private static final Map<String, PostingKind> BY_DB_VALUE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(PostingKind::dbValue, Function.identity()));

    private final String dbValue;

    PostingKind(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static PostingKind fromDb(String value) {
        PostingKind kind = BY_DB_VALUE.get(value);
        if (kind == null) {
            throw new IllegalArgumentException("unknown posting kind " + value);
        }
        return kind;
    }
}
