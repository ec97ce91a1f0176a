package dev.tessera.runtime.outbox;

import dev.tessera.events.DomainEvent;
import dev.tessera.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes messages to the outbox table on the caller's transaction: a service's state change and the
 * events announcing it commit together or not at all (never a dual write to the database and Kafka).
 * {@link Transactional.TxType#MANDATORY} makes calling it outside a transaction a programming error
 * rather than a silent loss of atomicity.
 */
@ApplicationScoped
public class Outbox {

    /** Headers put on every domain-event record, so consumers can filter without parsing the value. */
    public static final String HEADER_EVENT_ID = "event-id";
    public static final String HEADER_EVENT_TYPE = "event-type";
    public static final String HEADER_EVENT_VERSION = "event-version";

    private static final String INSERT = "insert into outbox_message (topic, message_key, payload, headers) "
            + "values (?, ?, ?, ?::jsonb)";
    private static final Object WAKE_REGISTERED = new Object();

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final RelaySignal relaySignal;

    Outbox(DataSource dataSource, TransactionSynchronizationRegistry transactions, RelaySignal relaySignal) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relaySignal = relaySignal;
    }

    /** Appends one message; returns its outbox id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(OutboxMessage message) {
        return appendAll(List.of(message)).get(0);
    }

    /** Appends messages in one round trip, in order; returns their outbox ids in the same order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> appendAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(messages.size());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
            for (OutboxMessage message : messages) {
                insert.setString(1, message.topic());
                insert.setString(2, message.key());
                insert.setString(3, message.payload());
                insert.setString(4, EventJson.write(message.headers()));
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new OutboxException("could not append to the outbox", e);
        }
        wakeRelayAfterCommit();
        return ids;
    }

    /** Publishes a domain event to a domain topic, keyed by its subject. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long publish(String topic, DomainEvent event) {
        return append(toMessage(topic, event));
    }

    public static OutboxMessage toMessage(String topic, DomainEvent event) {
        return new OutboxMessage(topic, event.subject(), event.toJson(), Map.of(
                HEADER_EVENT_ID, event.id().toString(),
                HEADER_EVENT_TYPE, event.type(),
                HEADER_EVENT_VERSION, Integer.toString(event.version())));
    }

    /**
     * Waking the relay only after commit keeps it from polling rows it cannot see yet, and keeps the
     * publish latency at a few milliseconds instead of a poll interval.
     */
    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relaySignal.wake();
                }
            }
        });
    }
}
