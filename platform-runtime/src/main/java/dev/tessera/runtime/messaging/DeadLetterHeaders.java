package dev.tessera.runtime.messaging;

/** Headers a dead-lettered record carries besides its original ones: who failed, where, and why. */
public final class DeadLetterHeaders {

    public static final String SERVICE = "dlq-service";
    public static final String CONSUMER = "dlq-consumer";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    public static final String ERROR = "dlq-error";
    public static final String ERROR_CLASS = "dlq-error-class";
    public static final String ATTEMPTS = "dlq-attempts";
    public static final String FAILED_AT = "dlq-failed-at";
    /** On a record put back on its original topic by a redrive. */
    public static final String REDRIVEN_BY = "dlq-redriven-by";

    private DeadLetterHeaders() {
    }

    public static boolean isDeadLetterHeader(String name) {
        return name.startsWith("dlq-");
    }
}
