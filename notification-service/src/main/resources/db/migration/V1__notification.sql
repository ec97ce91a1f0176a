-- The delivery log: one row per message the service decided to send, whatever happened to it.
-- (source_key, template, recipient_email) is the exactly-once key: the consumer inserts it in the same
-- transaction as its inbox row, with ON CONFLICT DO NOTHING, so a duplicate, a replay or a second event
-- announcing the same fact sends nothing again. source_key is the fact: the Stripe event id or domain event id,
-- or the Stripe object several events announce (a payment intent's receipt, a refund, a dispute).
create table delivery (
    id                bigint generated always as identity primary key,
    source_key        text        not null,
    source_event_id   text        not null,
    source_type       text        not null,
    template          text        not null,
    recipient_email   text        not null,
    recipient_user_id text,
    audience          text        not null check (audience in ('BUYER', 'SELLER')),
    seller_id         text,
    locale            text        not null,
    transactional     boolean     not null,
    status            text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'DEAD', 'SUPPRESSED')),
    subject           text        not null,
    body_text         text        not null,
    body_html         text        not null,
    model             text        not null,
    attempts          integer     not null default 0,
    next_attempt_at   timestamptz not null default now(),
    last_error        text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    sent_at           timestamptz,
    constraint delivery_once unique (source_key, template, recipient_email)
);

-- The sender's only query: due rows. A partial index stays as small as the backlog.
create index delivery_due_idx on delivery (next_attempt_at, id) where status in ('PENDING', 'FAILED');
create index delivery_status_idx on delivery (status, id);
create index delivery_recipient_email_idx on delivery (recipient_email, id);
create index delivery_recipient_user_idx on delivery (recipient_user_id, id) where recipient_user_id is not null;
create index delivery_source_idx on delivery (source_key, template);

-- Where sellers get their mail. No other service owns seller contact details yet, so ops (or the seller)
-- maintain them here with PUT /sellers/{id}/contact.
create table seller_contact (
    seller_id         text        primary key,
    email             text        not null,
    display_name      text,
    locale            text,
    stripe_account_id text        unique,
    updated_at        timestamptz not null default now()
);

-- A person's choices: opting out of non-transactional messages, and the language of their mail.
create table notification_preference (
    user_id                   text        primary key,
    email                     text,
    opt_out_non_transactional boolean     not null default false,
    locale                    text,
    updated_at                timestamptz not null default now()
);
create index notification_preference_email_idx on notification_preference (email);

-- What the service learned about buyers from Stripe objects and events: a user's e-mail address, so that
-- membership events (which name a user, not an address) reach them.
create table buyer_contact (
    user_id    text        primary key,
    email      text        not null,
    locale     text,
    updated_at timestamptz not null default now()
);

-- A charge the service saw succeed: who paid and which seller sold, so a later refund or dispute
-- (whose Stripe objects name only the charge) reaches the right person.
create table payment_ref (
    charge_id         text        primary key,
    payment_intent_id text,
    buyer_email       text,
    buyer_user_id     text,
    seller_id         text,
    offering_id       text,
    description       text,
    locale            text,
    updated_at        timestamptz not null default now()
);
create index payment_ref_payment_intent_idx on payment_ref (payment_intent_id) where payment_intent_id is not null;

-- Names of offerings and groups from catalog.events, so messages say what was bought.
create table catalog_name (
    kind       text        not null check (kind in ('offering', 'group')),
    id         text        not null,
    name       text        not null,
    seller_id  text,
    updated_at timestamptz not null,
    primary key (kind, id)
);

-- Memberships whose end is known (from membership.events), for the "membership expiring" reminder.
create table membership_watch (
    membership_id   text        primary key,
    user_id         text,
    email           text,
    seller_id       text,
    group_id        text,
    offering_id     text,
    status          text        not null,
    ends_at         timestamptz,
    ending          boolean     not null default false,
    -- when to remind: the configured notice before ends_at; null when the ending was announced too late
    -- for a separate reminder (the cancellation message said when access ends)
    remind_at       timestamptz,
    -- the ends_at a reminder was sent for: a new end date gets a new reminder
    reminded_for    timestamptz,
    effective_at    timestamptz not null,
    updated_at      timestamptz not null default now()
);
create index membership_watch_remind_idx on membership_watch (remind_at) where ending;
