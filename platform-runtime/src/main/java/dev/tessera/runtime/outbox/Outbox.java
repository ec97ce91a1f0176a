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
    private static final String INSERT_WITH_IDS = "insert into outbox_message (id, topic, message_key, payload, headers) "
            + "overriding system value select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::jsonb[])";
    private static final Object WAKE_REGISTERED = new Object();

    /**
     * SQL that draws the next outbox id. A caller that keeps a pointer to the outbox row announcing its
     * own row can draw the id in the statement that writes its row, then {@link #appendWithIds} the
     * messages under those ids: two statements for any number of rows, and no update of its own row.
     */
    public static final String NEXT_ID_SQL = "nextval(pg_get_serial_sequence('outbox_message', 'id'))";

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

    /**
     * Appends messages under ids drawn with {@link #NEXT_ID_SQL} in this transaction, in one statement.
     * The relay sends in id order, which is the order the ids were drawn.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendWithIds(List<Long> ids, List<OutboxMessage> messages) {
        if (ids.size() != messages.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + messages.size() + " messages");
        }
        if (messages.isEmpty()) {
            return;
        }
        int size = messages.size();
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] payloads = new String[size];
        String[] headers = new String[size];
        for (int i = 0; i < size; i++) {
            OutboxMessage message = messages.get(i);
            topics[i] = message.topic();
            keys[i] = message.key();
            payloads[i] = message.payload();
            headers[i] = EventJson.write(message.headers());
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_WITH_IDS)) {
            insert.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            insert.setArray(2, connection.createArrayOf("text", topics));
            insert.setArray(3, connection.createArrayOf("text", keys));
            insert.setArray(4, connection.createArrayOf("text", payloads));
            insert.setArray(5, connection.createArrayOf("text", headers));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("could not append to the outbox", e);
        }
        wakeRelayAfterCommit();
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
