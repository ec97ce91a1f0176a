-- Every verified Stripe event, exactly as received, committed before Stripe gets its 2xx.
-- The event id is the dedupe key: Stripe retries and duplicates deliveries.
create table stripe_event (
    event_id     text        primary key,
    type         text        not null,
    account      text,
    livemode     boolean     not null,
    api_version  text,
    created      timestamptz not null,
    payload      text        not null,
    received_at  timestamptz not null,
    endpoint     text        not null check (endpoint in ('platform', 'connect')),
    source       text        not null check (source in ('webhook', 'backfill')),
    topic        text        not null,
    message_key  text        not null,
    -- the latest publication of this event (first delivery or a replay); its row says whether Kafka has it
    outbox_id    bigint,
    replay_count integer     not null default 0
);

create index stripe_event_created_idx on stripe_event (created, event_id);
create index stripe_event_type_created_idx on stripe_event (type, created);
create index stripe_event_received_idx on stripe_event (received_at);
