-- Idempotent-consumer inbox (platform-runtime). A consumer records each message id it handled in
-- the same transaction as the handling, so a redelivered or replayed message changes nothing.
create table inbox_message (
    consumer     text        not null,
    message_id   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, message_id)
);
