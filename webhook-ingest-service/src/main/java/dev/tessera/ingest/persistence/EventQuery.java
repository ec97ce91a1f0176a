package dev.tessera.ingest.persistence;

import java.time.Instant;
import java.util.List;

/**
 * Filters over the store, shared by the ops listing and replay. Times are Stripe's {@code created}.
 * The cursor is the (created, id) of the last event of the previous page.
 */
public record EventQuery(Instant from, Instant to, List<String> types, List<String> ids, String account,
                         Instant afterCreated, String afterId, boolean ascending) {

    public EventQuery {
        types = types == null ? List.of() : List.copyOf(types);
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    public boolean hasCriteria() {
        return from != null || to != null || !types.isEmpty() || !ids.isEmpty() || account != null;
    }

    public EventQuery after(Instant created, String id) {
        return new EventQuery(from, to, types, ids, account, created, id, ascending);
    }

    void appendWhere(StringBuilder sql, List<Object> params) {
        if (from != null) {
            sql.append(" and e.created >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" and e.created < ?");
            params.add(to);
        }
        if (!types.isEmpty()) {
            sql.append(" and e.type = any(?)");
            params.add(types);
        }
        if (!ids.isEmpty()) {
            sql.append(" and e.event_id = any(?)");
            params.add(ids);
        }
        if (account != null) {
            sql.append(" and e.account = ?");
            params.add(account);
        }
        if (afterCreated != null) {
            sql.append(ascending ? " and (e.created, e.event_id) > (?, ?)" : " and (e.created, e.event_id) < (?, ?)");
            params.add(afterCreated);
            params.add(afterId);
        }
    }
}
