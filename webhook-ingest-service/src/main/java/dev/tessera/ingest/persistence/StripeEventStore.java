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
import dev.tessera.runtime.outbox.Outbox;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * Every event of a batch in one statement. Each new row draws its outbox id here, so the caller
     * appends the outbox rows under those ids and the event row is never updated afterwards. A
     * duplicate id (stored before, or earlier in the same batch) inserts nothing and returns nothing.
     */
    private static final String INSERT_NEW = "insert into stripe_event (event_id, type, account, livemode, "
            + "api_version, created, payload, received_at, endpoint, source, topic, message_key, outbox_id) "
            + "select e.*, " + Outbox.NEXT_ID_SQL + " from unnest(?::text[], ?::text[], ?::text[], ?::boolean[], "
            + "?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "as e on conflict (event_id) do nothing returning event_id, outbox_id";
    /** A replay draws a fresh outbox id per event: the event then points at its latest publication. */
    private static final String RELINK_FOR_REPLAY = "update stripe_event set outbox_id = " + Outbox.NEXT_ID_SQL
            + ", replay_count = replay_count + 1 where event_id = any(?) returning event_id, outbox_id";
    private static final String COLUMNS = "e.event_id, e.type, e.account, e.livemode, e.api_version, e.created, "
            + "e.received_at, e.endpoint, e.source, e.topic, e.message_key, e.replay_count, "
            // a purged outbox row was published before it was purged
            + "(e.outbox_id is not null and o.id is not null and o.published_at is null) as pending";
    private static final String FROM = " from stripe_event e left join outbox_message o on o.id = e.outbox_id";

    private final DataSource dataSource;

    StripeEventStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the events whose ids are not stored yet; returns the outbox id drawn for each new one, by
     * event id. An event id twice in {@code events} is stored once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> insertNew(List<NewEvent> events, Instant receivedAt) {
        int size = events.size();
        String[] ids = new String[size];
        String[] types = new String[size];
        String[] accounts = new String[size];
        Boolean[] livemodes = new Boolean[size];
        String[] apiVersions = new String[size];
        String[] created = new String[size];
        String[] payloads = new String[size];
        String[] receivedAts = new String[size];
        String[] endpoints = new String[size];
        String[] sources = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String received = receivedAt.toString();
        for (int i = 0; i < size; i++) {
            NewEvent incoming = events.get(i);
            ReceivedEvent event = incoming.event();
            ids[i] = event.id();
            types[i] = event.type();
            accounts[i] = event.account();
            livemodes[i] = event.livemode();
            apiVersions[i] = event.apiVersion();
            created[i] = event.created().toString();
            payloads[i] = event.payload();
            receivedAts[i] = received;
            endpoints[i] = incoming.endpoint().dbValue();
            sources[i] = incoming.source().dbValue();
            topics[i] = event.route().topic();
            keys[i] = event.route().key();
        }
        Map<String, Long> inserted = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
            Object[][] columns = {ids, types, accounts, livemodes, apiVersions, created, payloads, receivedAts,
                    endpoints, sources, topics, keys};
            String[] sqlTypes = {"text", "text", "text", "boolean", "text", "text", "text", "text", "text", "text",
                    "text", "text"};
            for (int c = 0; c < columns.length; c++) {
                insert.setArray(c + 1, connection.createArrayOf(sqlTypes[c], columns[c]));
            }
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + size + " Stripe events (first " + ids[0] + ")", e);
        }
        return inserted;
    }

    /** A verified event and where it came from. */
    public record NewEvent(ReceivedEvent event, WebhookEndpoint endpoint, EventSource source) {
    }

    /**
     * Points each event at a new outbox id for its republication and counts the replay; returns the ids
     * by event id, for {@link Outbox#appendWithIds}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Long> relinkForReplay(List<String> eventIds) {
        Map<String, Long> outboxIds = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(RELINK_FOR_REPLAY)) {
            update.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    outboxIds.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not link " + eventIds.size() + " replayed events to the outbox", e);
        }
        return outboxIds;
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
