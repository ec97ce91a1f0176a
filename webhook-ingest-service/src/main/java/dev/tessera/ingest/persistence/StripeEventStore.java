package dev.tessera.ingest.persistence;

import dev.tessera.ingest.domain.EventSource;
import dev.tessera.ingest.domain.ReceivedEvent;
import dev.tessera.ingest.domain.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The raw event store. Plain JDBC on the transaction's connection: the webhook's insert is the hot
 * path, and the same connection carries the outbox row, so both commit together.
 */
@ApplicationScoped
public class StripeEventStore {

    private static final String INSERT = "insert into stripe_event (event_id, type, account, livemode, api_version, "
            + "created, payload, received_at, endpoint, source, topic, message_key) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing";
    private static final String LINK_OUTBOX = "update stripe_event set outbox_id = ?, replay_count = replay_count + ? "
            + "where event_id = ?";
    private static final String COLUMNS = "e.event_id, e.type, e.account, e.livemode, e.api_version, e.created, "
            + "e.received_at, e.endpoint, e.source, e.topic, e.message_key, e.replay_count, "
            // a purged outbox row was published before it was purged
            + "(e.outbox_id is not null and o.id is not null and o.published_at is null) as pending";
    private static final String FROM = " from stripe_event e left join outbox_message o on o.id = e.outbox_id";

    private final DataSource dataSource;

    StripeEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the event unless its id is already stored; true when it was new. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insertIfAbsent(ReceivedEvent event, WebhookEndpoint endpoint, EventSource source, Instant receivedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, event.id());
            insert.setString(2, event.type());
            insert.setString(3, event.account());
            insert.setBoolean(4, event.livemode());
            insert.setString(5, event.apiVersion());
            insert.setTimestamp(6, Timestamp.from(event.created()));
            insert.setString(7, event.payload());
            insert.setTimestamp(8, Timestamp.from(receivedAt));
            insert.setString(9, endpoint.dbValue());
            insert.setString(10, source.dbValue());
            insert.setString(11, event.route().topic());
            insert.setString(12, event.route().key());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store Stripe event " + event.id(), e);
        }
    }

    /** Points the event at its latest outbox row; {@code replay} counts a republication. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void linkOutbox(String eventId, long outboxId, boolean replay) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(LINK_OUTBOX)) {
            update.setLong(1, outboxId);
            update.setInt(2, replay ? 1 : 0);
            update.setString(3, eventId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not link event " + eventId + " to its outbox row", e);
        }
    }

    public Optional<StoredEvent> find(String eventId) {
        String sql = "select " + COLUMNS + ", e.payload" + FROM + " where e.event_id = ?";
        List<StoredEvent> found = query(sql, List.of(eventId), true);
        return found.stream().findFirst();
    }

    /**
     * A page of events, newest first by Stripe's {@code created}, after a keyset cursor; each filter
     * is optional.
     */
    public List<StoredEvent> page(EventQuery query, int limit, boolean withPayload) {
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS);
        if (withPayload) {
            sql.append(", e.payload");
        }
        sql.append(FROM).append(" where true");
        List<Object> params = new ArrayList<>();
        query.appendWhere(sql, params);
        sql.append(query.ascending() ? " order by e.created asc, e.event_id asc" : " order by e.created desc, e.event_id desc");
        sql.append(" limit ?");
        params.add(limit);
        return query(sql.toString(), params, withPayload);
    }

    /** Counts by publication state, and by topic. */
    public Counts counts() {
        String sql = "select e.topic, count(*), count(*) filter (where e.outbox_id is not null and o.id is not null "
                + "and o.published_at is null)" + FROM + " group by e.topic order by e.topic";
        Map<String, Long> byTopic = new LinkedHashMap<>();
        long total = 0;
        long pending = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                byTopic.put(rs.getString(1), rs.getLong(2));
                total += rs.getLong(2);
                pending += rs.getLong(3);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count stored events", e);
        }
        return new Counts(total, pending, total - pending, byTopic);
    }

    public record Counts(long total, long pending, long published, Map<String, Long> byTopic) {
    }

    private List<StoredEvent> query(String sql, List<Object> params, boolean withPayload) {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object param = params.get(i);
                if (param instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (param instanceof List<?> list) {
                    statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
                } else {
                    statement.setObject(i + 1, param);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                            WebhookEndpoint.fromDb(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getInt(12), rs.getBoolean(13) ? StoredEvent.State.PENDING : StoredEvent.State.PUBLISHED,
                            withPayload ? rs.getString(14) : null));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not query stored events", e);
        }
        return events;
    }
}
