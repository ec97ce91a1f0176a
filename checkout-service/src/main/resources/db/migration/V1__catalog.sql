-- The catalog: groups, offerings (membership tiers, one-time offerings, platform plans) with their price history,
-- and sellers' coupons. Statuses and kinds are plain text checked here; the service owns their meaning.

create table catalog_group (
    id          varchar(40)  primary key,
    seller_id   varchar(100) not null,
    name        varchar(200) not null,
    description text,
    status      varchar(20)  not null check (status in ('draft', 'active', 'archived')),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create index catalog_group_seller_idx on catalog_group (seller_id);

create table offering (
    id                         varchar(40)  primary key,
    -- null for platform plans: the platform sells them to sellers
    seller_id                  varchar(100),
    group_id                   varchar(40) references catalog_group (id),
    kind                       varchar(30)  not null,
    name                       varchar(200) not null,
    description                text,
    status                     varchar(20)  not null check (status in ('draft', 'active', 'archived')),
    capacity                   integer check (capacity is null or capacity > 0),
    access_level               varchar(100),
    benefits                   jsonb        not null default '[]'::jsonb,
    starts_at                  timestamptz,
    credits                    integer check (credits is null or credits > 0),
    plan_code                  varchar(40) unique,
    commission_bps             integer check (commission_bps is null or commission_bps between 0 and 10000),
    current_price_id           varchar(40),
    stripe_product_id          varchar(100),
    -- what the Stripe product was last made to look like (name, description, active, metadata)
    stripe_product_fingerprint varchar(64),
    sync_state                 varchar(20)  not null check (sync_state in ('pending', 'synced', 'failed')),
    sync_error                 text,
    sync_attempts              integer      not null default 0,
    created_at                 timestamptz  not null,
    updated_at                 timestamptz  not null,
    check ((kind = 'platform_plan') = (seller_id is null)),
    check (kind <> 'membership_tier' or group_id is not null)
);
create index offering_seller_idx on offering (seller_id, kind);
create index offering_group_idx on offering (group_id);
create index offering_sync_idx on offering (sync_state) where sync_state <> 'synced';

-- Stripe prices are immutable: a price change is a new row, the old one stays as history.
create table offering_price (
    id               varchar(40)  primary key,
    offering_id      varchar(40)  not null references offering (id),
    amount_minor     bigint       not null check (amount_minor >= 0),
    currency         varchar(3)   not null,
    billing_interval varchar(10) check (billing_interval in ('month', 'year')),
    stripe_price_id  varchar(100),
    -- whether the Stripe price is (still) active; an old price is deactivated in Stripe after a change
    stripe_active    boolean      not null default false,
    created_at       timestamptz  not null,
    superseded_at    timestamptz
);
create index offering_price_offering_idx on offering_price (offering_id, created_at);

alter table offering add constraint offering_current_price_fk foreign key (current_price_id) references offering_price (id)
    deferrable initially deferred;

create table coupon (
    id                        varchar(40)  primary key,
    seller_id                 varchar(100) not null,
    code                      varchar(100) not null,
    name                      varchar(200),
    percent_off_bps           integer check (percent_off_bps is null or percent_off_bps between 1 and 10000),
    amount_off_minor          bigint check (amount_off_minor is null or amount_off_minor > 0),
    currency                  varchar(3),
    duration                  varchar(20)  not null check (duration in ('once', 'repeating', 'forever')),
    duration_in_months        integer,
    redeem_from               timestamptz,
    redeem_until              timestamptz,
    max_redemptions           integer check (max_redemptions is null or max_redemptions > 0),
    offering_ids              jsonb        not null,
    status                    varchar(20)  not null check (status in ('active', 'archived')),
    stripe_coupon_id          varchar(100),
    stripe_promotion_code_id  varchar(100),
    -- what the promotion code's active flag is in Stripe (it opens with the redemption window)
    stripe_promotion_active   boolean      not null default false,
    sync_state                varchar(20)  not null check (sync_state in ('pending', 'synced', 'failed')),
    sync_error                text,
    sync_attempts             integer      not null default 0,
    created_at                timestamptz  not null,
    updated_at                timestamptz  not null,
    check ((percent_off_bps is null) <> (amount_off_minor is null)),
    check ((amount_off_minor is null) = (currency is null)),
    check ((duration = 'repeating') = (duration_in_months is not null))
);
-- Stripe promotion codes are unique (case-insensitively) among the account's active codes.
create unique index coupon_active_code_idx on coupon (upper(code)) where status = 'active';
create index coupon_seller_idx on coupon (seller_id);
create index coupon_promotion_code_idx on coupon (stripe_promotion_code_id);
