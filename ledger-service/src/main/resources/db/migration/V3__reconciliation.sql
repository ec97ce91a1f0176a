-- Reconciliation runs: Stripe's balance transactions of a period compared with the journal.
create table reconciliation_run (
    id             bigint generated always as identity primary key,
    period_start   timestamptz not null,
    period_end     timestamptz not null,
    stripe_account text,
    requested_by   text,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    status         text        not null,
    stripe_count   integer     not null default 0,
    matched_count  integer     not null default 0,
    difference_count integer   not null default 0,
    -- per currency: Stripe's net, the ledger's net, and the unexplained difference
    totals         jsonb       not null default '[]'::jsonb,
    error          text
);

create table reconciliation_difference (
    id                     bigint generated always as identity primary key,
    run_id                 bigint  not null references reconciliation_run (id),
    cause                  text    not null,
    stripe_balance_txn     text,
    stripe_type            text,
    source_id              text,
    journal_transaction_id bigint,
    currency               char(3),
    stripe_amount          bigint,
    ledger_amount          bigint,
    stripe_fee             bigint,
    ledger_fee             bigint,
    detail                 text
);

create index reconciliation_difference_run_idx on reconciliation_difference (run_id, id);
