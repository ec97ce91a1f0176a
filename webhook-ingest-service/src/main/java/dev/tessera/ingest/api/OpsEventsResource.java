package dev.tessera.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.EventJson;
import dev.tessera.ingest.IngestConfig;
import dev.tessera.ingest.domain.Backfill;
import dev.tessera.ingest.domain.EventReplayer;
import dev.tessera.ingest.domain.IngestErrorCode;
import dev.tessera.ingest.persistence.EventQuery;
import dev.tessera.ingest.persistence.StoredEvent;
import dev.tessera.ingest.persistence.StripeEventStore;
import dev.tessera.runtime.auth.Roles;
import dev.tessera.runtime.error.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operators' view of the raw event store: look up, list, count, replay and backfill. */
@Path("/ops")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OpsEventsResource {

    /** Stripe's Events API only lists the last 30 days. */
    private static final Duration BACKFILL_WINDOW = Duration.ofDays(30);

    private final StripeEventStore store;
    private final EventReplayer replayer;
    private final Backfill backfill;
    private final IngestConfig config;

    OpsEventsResource(StripeEventStore store, EventReplayer replayer, Backfill backfill, IngestConfig config) {
        this.store = store;
        this.replayer = replayer;
        this.backfill = backfill;
        this.config = config;
    }

    @GET
    @Path("/events/{id}")
    @Operation(summary = "One stored Stripe event with its raw payload and publication state")
    public EventView event(@PathParam("id") String id) {
        return store.find(id).map(EventView::of).orElseThrow(() -> new ProblemException(IngestErrorCode.EVENT_NOT_FOUND,
                "no stored event with id " + id));
    }

    @GET
    @Path("/events")
    @Operation(summary = "Stored events, newest first by Stripe's created time, with cursor pagination")
    public EventPage events(@QueryParam("type") List<String> types, @QueryParam("account") String account,
                            @QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("cursor") String cursor) {
        if (limit < 1 || limit > config.maxPageSize()) {
            throw new ProblemException(IngestErrorCode.INVALID_QUERY, "limit must be between 1 and " + config.maxPageSize());
        }
        EventQuery query = new EventQuery(instant("from", from), instant("to", to), types, List.of(), account,
                null, null, false);
        if (cursor != null && !cursor.isBlank()) {
            Cursor position = Cursor.decode(cursor);
            query = query.after(position.created(), position.eventId());
        }
        List<StoredEvent> page = store.page(query, limit + 1, false);
        boolean hasMore = page.size() > limit;
        List<StoredEvent> shown = hasMore ? page.subList(0, limit) : page;
        String next = hasMore ? new Cursor(shown.get(limit - 1).created(), shown.get(limit - 1).eventId()).encode() : null;
        return new EventPage(shown.stream().map(EventView::of).toList(), hasMore, next);
    }

    @GET
    @Path("/events/counts")
    @Operation(summary = "Stored events by publication state and topic")
    public StripeEventStore.Counts counts() {
        return store.counts();
    }

    @POST
    @Path("/events/replay")
    @Operation(summary = "Republish stored events to their Stripe topics by time range, type or ids")
    public ReplayResult replay(ReplayRequest request) {
        if (request == null) {
            throw new ProblemException(IngestErrorCode.INVALID_QUERY, "a replay request body is required");
        }
        EventQuery query = new EventQuery(instant("from", request.from()), instant("to", request.to()), request.types(),
                request.ids(), request.account(), null, null, true);
        if (!query.hasCriteria()) {
            throw new ProblemException(IngestErrorCode.INVALID_QUERY,
                    "name at least one of from, to, types, ids or account; replaying everything must be asked for with from");
        }
        return new ReplayResult(replayer.replay(query));
    }

    @POST
    @Path("/backfill")
    @Operation(summary = "Ingest events from Stripe's Events API created since a time (optionally of a connected account)")
    public Backfill.Result backfill(BackfillRequest request) {
        if (request == null || request.since() == null) {
            throw new ProblemException(IngestErrorCode.INVALID_QUERY, "since is required (ISO-8601 instant)");
        }
        Instant since = instant("since", request.since());
        if (since.isBefore(Instant.now().minus(BACKFILL_WINDOW))) {
            throw new ProblemException(IngestErrorCode.INVALID_QUERY, "Stripe lists only the last 30 days of events");
        }
        if (request.account() != null && !request.account().startsWith("acct_")) {
            throw new ProblemException(IngestErrorCode.INVALID_QUERY, "account must be a connected account id (acct_...)");
        }
        return backfill.run(since, request.account());
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(IngestErrorCode.INVALID_QUERY, name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }

    public record ReplayRequest(String from, String to, List<String> types, List<String> ids, String account) {
    }

    public record ReplayResult(int replayed) {
    }

    public record BackfillRequest(String since, String account) {
    }

    public record EventPage(List<EventView> events, boolean hasMore, String nextCursor) {
    }

    public record EventView(String id, String type, String account, boolean livemode, String apiVersion, Instant created,
                            Instant receivedAt, String endpoint, String source, String topic, String key, String state,
                            int replayCount, JsonNode payload) {

        static EventView of(StoredEvent event) {
            return new EventView(event.eventId(), event.type(), event.account(), event.livemode(), event.apiVersion(),
                    event.created(), event.receivedAt(), event.endpoint().dbValue(), event.source(), event.topic(),
                    event.messageKey(), event.state().name().toLowerCase(java.util.Locale.ROOT), event.replayCount(),
                    event.payload() == null ? null : EventJson.tree(event.payload()));
        }
    }

    record Cursor(Instant created, String eventId) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((created + "|" + eventId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new ProblemException(IngestErrorCode.INVALID_QUERY, "cursor is not one this API returned");
            }
        }
    }
}
