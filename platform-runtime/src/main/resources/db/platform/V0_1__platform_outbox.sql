-- Transactional outbox (platform-runtime). A service writes its state change and the messages it
-- publishes in one transaction; the relay sends unpublished rows to Kafka in id order.
create table outbox_message (
    id           bigint generated always as identity primary key,
    topic        text        not null,
    message_key  text        not null,
    payload      text        not null,
    headers      jsonb       not null default '{}'::jsonb,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);

-- The relay's only query: the oldest unpublished rows. A partial index stays as small as the backlog.
create index outbox_message_unpublished_idx on outbox_message (id) where published_at is null;
create index outbox_message_published_at_idx on outbox_message (published_at) where published_at is not null;
