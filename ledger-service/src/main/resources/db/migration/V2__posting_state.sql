-- What the postings need to remember between events. These tables are working state, not the books:
-- the journal alone says where money is; these say how later events (refunds, disputes, late plan
-- changes) must split what they move.

-- Commission rates over time, from membership-service's seller.plan.changed.
create table seller_plan_change (
    event_id       text        primary key,
    seller_id      text        not null,
    plan           text,
    commission_bps integer     not null check (commission_bps between 0 and 10000),
    effective_at   timestamptz not null,
    -- the event's own time breaks ties between changes effective at the same instant
    occurred_at    timestamptz not null,
    membership_id  text,
    received_at    timestamptz not null default now()
);

create index seller_plan_change_lookup_idx on seller_plan_change (seller_id, effective_at desc, occurred_at desc);

-- One row per posted charge: how it was split, and how much of it refunds and lost disputes have taken
-- back so far. Reductions are cumulative, so the split of the remainder never depends on the order in
-- which refunds and disputes arrive, and a full refund reverses exactly what the charge posted.
create table ledger_charge (
    charge_id            text        primary key,
    -- sale | platform_plan | credit_pack
    charge_type          text        not null,
    seller_id            text,
    buyer_id             text,
    offering_kind        text        not null,
    offering_id          text,
    stripe_account       text,
    presentment_currency char(3)     not null,
    presentment_amount   bigint      not null check (presentment_amount > 0),
    settlement_currency  char(3)     not null,
    gross                bigint      not null,
    stripe_fee           bigint      not null,
    commission_bps       integer     not null,
    -- presentment amount refunded or lost in disputes, and its settlement equivalent
    reduced_presentment  bigint      not null default 0,
    reduced_gross        bigint      not null default 0,
    -- what is still recognised as commission and as the seller's share (sum = gross - reduced_gross)
    commission_open      bigint      not null,
    seller_open          bigint      not null,
    paid_at              timestamptz not null,
    available_on         timestamptz,
    transaction_id       bigint      not null references journal_transaction (id)
);

create index ledger_charge_seller_paid_idx on ledger_charge (seller_id, paid_at);

-- Money a dispute has withdrawn, and how much of it is no longer held (settlement currency).
create table ledger_dispute (
    dispute_id  text    primary key,
    charge_id   text    not null,
    currency    char(3) not null,
    withdrawn   bigint  not null default 0,
    -- withdrawn funds no longer held: reinstated (won) or written off (lost)
    cleared     bigint  not null default 0
);

-- A seller's share waiting for its funds to become available at Stripe (the balance transaction's
-- available_on). The release job moves it from pending to available and deletes the row.
create table pending_release (
    source_transaction_id bigint      primary key references journal_transaction (id),
    source_id             text        not null,
    seller_id             text        not null,
    currency              char(3)     not null,
    amount                bigint      not null,
    available_on          timestamptz not null
);

create index pending_release_due_idx on pending_release (available_on);
