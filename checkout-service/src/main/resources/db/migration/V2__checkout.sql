-- Checkouts, the seats they hold, guest claims and coupon redemptions.

create table checkout (
    id                      varchar(40)  primary key,
    status                  varchar(20)  not null,
    mode                    varchar(20)  not null check (mode in ('payment', 'subscription')),
    offering_id             varchar(40)  not null references offering (id),
    offering_kind           varchar(30)  not null,
    price_id                varchar(40)  not null references offering_price (id),
    -- the seller the purchase is attributed to (for a platform plan: the seller buying it)
    seller_id               varchar(100) not null,
    group_id                varchar(40),
    quantity                integer      not null check (quantity > 0),
    unit_amount_minor       bigint       not null,
    currency                varchar(3)   not null,
    user_id                 varchar(200),
    email                   varchar(320),
    guest                   boolean      not null,
    -- who the idempotency key belongs to: user:<sub> or guest:<email>
    buyer_scope             varchar(400) not null,
    request_key             varchar(300) not null,
    request_key_derived     boolean      not null,
    -- derived keys only deduplicate while the checkout is in flight; explicit keys for good
    request_key_active      boolean      not null,
    request_fingerprint     varchar(64)  not null,
    replaces_subscription_id varchar(100),
    coupon_id               varchar(40) references coupon (id),
    promotion_code_id       varchar(100),
    success_url             text         not null,
    cancel_url              text         not null,
    expires_at              timestamptz  not null,
    stripe_session_id       varchar(255) unique,
    stripe_url              text,
    stripe_customer_id      varchar(100),
    subscription_id         varchar(100),
    payment_intent_id       varchar(100),
    amount_total_minor      bigint,
    amount_discount_minor   bigint,
    failure_reason          text,
    created_at              timestamptz  not null,
    updated_at              timestamptz  not null,
    completed_at            timestamptz
);
create unique index checkout_request_key_idx on checkout (buyer_scope, request_key) where request_key_active;
create index checkout_in_flight_idx on checkout (created_at) where status in ('creating', 'open', 'awaiting_payment');
create index checkout_coupon_idx on checkout (coupon_id) where coupon_id is not null;
create index checkout_subscription_idx on checkout (subscription_id) where subscription_id is not null;

-- A buyer's place in an offering: held while the session is open, confirmed when paid, released otherwise.
-- Capacity counts confirmed seats and holds that have not lapsed.
create table seat (
    id              bigint generated always as identity primary key,
    checkout_id     varchar(40)  not null unique references checkout (id),
    offering_id     varchar(40)  not null references offering (id),
    group_id        varchar(40),
    holder          varchar(400) not null,
    quantity        integer      not null check (quantity > 0),
    state           varchar(20)  not null check (state in ('held', 'confirmed', 'released')),
    held_until      timestamptz,
    capacity_exempt boolean      not null,
    subscription_id varchar(100),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index seat_offering_taken_idx on seat (offering_id) where state <> 'released';
create index seat_holder_idx on seat (holder, group_id) where state = 'confirmed';
create index seat_subscription_idx on seat (subscription_id) where subscription_id is not null;

create table guest_claim (
    token_hash  varchar(64)  primary key,
    checkout_id varchar(40)  not null unique references checkout (id),
    email       varchar(320) not null,
    expires_at  timestamptz  not null,
    claimed_by  varchar(200),
    claimed_at  timestamptz,
    created_at  timestamptz  not null
);

create table coupon_redemption (
    coupon_id             varchar(40)  not null references coupon (id),
    checkout_id           varchar(40)  not null references checkout (id),
    user_id               varchar(200),
    email                 varchar(320),
    amount_discount_minor bigint,
    currency              varchar(3)   not null,
    redeemed_at           timestamptz  not null,
    primary key (coupon_id, checkout_id)
);
