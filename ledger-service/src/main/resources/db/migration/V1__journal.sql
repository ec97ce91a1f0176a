-- The double-entry journal. Amounts are long minor units of an ISO 4217 currency; an entry's amount is
-- positive for a debit and negative for a credit, and the entries of a transaction sum to zero per
-- currency. Transactions and entries are append-only: a mistake is corrected by a reversal.

create table ledger_account (
    id         bigint generated always as identity primary key,
    type       text        not null,
    -- a seller id, a buyer id, or '' for the platform's own accounts
    owner_id   text        not null default '',
    currency   char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    created_at timestamptz not null default now(),
    constraint ledger_account_type_owner_currency_key unique (type, owner_id, currency),
    -- target of the entries' composite foreign key: an entry's currency is its account's currency
    constraint ledger_account_id_currency_key unique (id, currency)
);

create table journal_transaction (
    id                   bigint generated always as identity primary key,
    -- what caused it (charge, refund, dispute or balance transaction id, transfer id, ...) and its kind:
    -- the idempotency key of every posting, so duplicates and replays post nothing twice
    source_id            text        not null,
    kind                 text        not null,
    seller_id            text,
    description          text,
    -- when it happened (at Stripe, or in Tessera); reports bucket by this time in UTC
    occurred_at          timestamptz not null,
    posted_at            timestamptz not null default clock_timestamp(),
    causation_id         text,
    stripe_balance_txn   text,
    reverses_id          bigint references journal_transaction (id),
    presentment_amount   bigint,
    presentment_currency char(3),
    exchange_rate        numeric,
    -- how the transaction changes its seller's earnings summary (gross, fees, commission, ...), so that a
    -- reversal can take exactly that back out
    earnings             jsonb,
    -- the database transaction that created it: entries may only be added by that same transaction
    created_xact         xid8        not null default pg_current_xact_id(),
    constraint journal_transaction_source_kind_key unique (source_id, kind),
    -- a transaction is reversed at most once
    constraint journal_transaction_reverses_key unique (reverses_id)
);

create index journal_transaction_seller_idx on journal_transaction (seller_id, id) where seller_id is not null;
create index journal_transaction_stripe_txn_idx on journal_transaction (stripe_balance_txn)
    where stripe_balance_txn is not null;
create index journal_transaction_occurred_idx on journal_transaction (occurred_at);

create table journal_entry (
    id             bigint generated always as identity primary key,
    transaction_id bigint  not null references journal_transaction (id),
    account_id     bigint  not null,
    currency       char(3) not null,
    amount         bigint  not null check (amount <> 0),
    constraint journal_entry_account_fk foreign key (account_id, currency) references ledger_account (id, currency)
);

create index journal_entry_transaction_idx on journal_entry (transaction_id);
create index journal_entry_account_idx on journal_entry (account_id, transaction_id);

-- Append-only: no UPDATE, DELETE or TRUNCATE of the journal, whoever asks.
create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the journal is append-only: % on % is not allowed; post a reversal instead', tg_op, tg_table_name
        using errcode = '55000';
end
$$;

create trigger journal_entry_append_only before update or delete on journal_entry
    for each row execute function ledger_append_only();
create trigger journal_entry_no_truncate before truncate on journal_entry
    for each statement execute function ledger_append_only();
create trigger journal_transaction_append_only before update or delete on journal_transaction
    for each row execute function ledger_append_only();
create trigger journal_transaction_no_truncate before truncate on journal_transaction
    for each statement execute function ledger_append_only();

-- Entries belong to the database transaction that created their journal transaction, so a committed
-- (and checked) journal transaction can never be unbalanced later by adding entries to it. Checked once per
-- insert statement (a JDBC batch is a few multi-row statements), not once per entry.
create function journal_entry_same_xact() returns trigger language plpgsql as $$
declare
    foreign_transaction bigint;
begin
    select i.transaction_id into foreign_transaction
      from (select distinct transaction_id from inserted) i
      join journal_transaction t on t.id = i.transaction_id
     where t.created_xact <> pg_current_xact_id()
     limit 1;
    if foreign_transaction is not null then
        raise exception 'entries of journal transaction % can only be added by the database transaction that created it',
            foreign_transaction using errcode = '55000';
    end if;
    return null;
end
$$;

create trigger journal_entry_same_xact after insert on journal_entry
    referencing new table as inserted
    for each statement execute function journal_entry_same_xact();

-- Balanced per currency, checked at commit (deferred), once per journal transaction.
create function journal_transaction_balanced() returns trigger language plpgsql as $$
declare
    entry_count integer;
    unbalanced  text;
begin
    select coalesce(sum(n), 0), string_agg(case when total <> 0 then currency || ' ' || total end, ', ')
      into entry_count, unbalanced
      from (select currency, sum(amount) as total, count(*) as n
              from journal_entry where transaction_id = new.id group by currency) per_currency;
    if entry_count < 2 then
        raise exception 'journal transaction % (% %) has % entries; at least 2 are required',
            new.id, new.kind, new.source_id, entry_count using errcode = '23514';
    end if;
    if unbalanced is not null then
        raise exception 'journal transaction % (% %) does not balance: %', new.id, new.kind, new.source_id, unbalanced
            using errcode = '23514';
    end if;
    return null;
end
$$;

create constraint trigger journal_transaction_balanced after insert on journal_transaction
    deferrable initially deferred
    for each row execute function journal_transaction_balanced();

-- Running totals, maintained in the posting transaction. The platform's accounts are touched by almost
-- every posting, so their totals are striped over `slot`s: concurrent postings pick different slots and
-- never wait for each other's row locks; reads add the slots up. Credits are stored as positive sums.
create table account_balance (
    account_id  bigint   not null references ledger_account (id),
    slot        smallint not null,
    debits      bigint   not null,
    credits     bigint   not null,
    entry_count bigint   not null,
    primary key (account_id, slot)
);

create table account_daily (
    account_id  bigint   not null references ledger_account (id),
    day         date     not null,
    slot        smallint not null,
    debits      bigint   not null,
    credits     bigint   not null,
    entry_count bigint   not null,
    primary key (account_id, day, slot)
);

create index account_daily_day_idx on account_daily (day);

-- A seller's balances per currency (amounts owed to the seller). Not striped on purpose: one row per
-- seller and currency serializes only that seller's postings and gives every balance a version, so the
-- published seller.balance.changed events are totally ordered per seller.
create table seller_balance (
    seller_id           text        not null,
    currency            char(3)     not null,
    pending             bigint      not null,
    available           bigint      not null,
    paid_out            bigint      not null,
    version             bigint      not null,
    last_transaction_id bigint      not null,
    updated_at          timestamptz not null,
    primary key (seller_id, currency)
);

-- Earnings per seller, day (UTC), offering kind and commission rate: the source of the earnings,
-- commission and statement reports (a few hundred rows per seller and year instead of every entry).
create table seller_earnings_daily (
    seller_id      text    not null,
    currency       char(3) not null,
    day            date    not null,
    offering_kind  text    not null,
    commission_bps integer not null,
    gross          bigint  not null,
    stripe_fees    bigint  not null,
    commission     bigint  not null,
    refunds        bigint  not null,
    disputes       bigint  not null,
    net            bigint  not null,
    sales          integer not null,
    refund_count   integer not null,
    dispute_count  integer not null,
    primary key (seller_id, currency, day, offering_kind, commission_bps)
);

create index seller_earnings_daily_day_idx on seller_earnings_daily (day);

-- The same by calendar month (first day of the month): reports over whole months read twelve rows per seller,
-- kind and rate a year instead of 365.
create table seller_earnings_monthly (
    seller_id      text    not null,
    currency       char(3) not null,
    month          date    not null,
    offering_kind  text    not null,
    commission_bps integer not null,
    gross          bigint  not null,
    stripe_fees    bigint  not null,
    commission     bigint  not null,
    refunds        bigint  not null,
    disputes       bigint  not null,
    net            bigint  not null,
    sales          integer not null,
    refund_count   integer not null,
    dispute_count  integer not null,
    primary key (seller_id, currency, month, offering_kind, commission_bps)
);

create index seller_earnings_monthly_month_idx on seller_earnings_monthly (month);
