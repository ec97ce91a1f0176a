-- Memberships: one per Stripe subscription that Tessera sold (a group tier, or a seller's platform plan).
create table membership (
    id                       text primary key,
    kind                     text        not null check (kind in ('membership_tier', 'platform_plan')),
    seller_id                text        not null,
    group_id                 text,
    offering_id              text        not null,
    plan                     text,
    commission_bps           integer,
    user_id                  text,
    guest_email              text,
    checkout_id              text,
    checkout_session_id      text,
    stripe_subscription_id   text        not null unique,
    stripe_customer_id       text,
    stripe_account           text,
    replaces_subscription_id text,
    status                   text        not null,
    cancel_at_period_end     boolean     not null default false,
    current_period_end       timestamptz,
    past_due_since           timestamptz,
    grace_until              timestamptz,
    status_reason            text,
    status_changed_at        timestamptz,
    activated_at             timestamptz,
    renewals                 integer     not null default 0,
    cancel_requests          integer     not null default 0,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);
create index membership_user_idx on membership (user_id) where user_id is not null;
create index membership_guest_email_idx on membership (guest_email) where guest_email is not null;
create index membership_group_status_idx on membership (group_id, status, id);
create index membership_seller_idx on membership (seller_id, kind);
create index membership_checkout_idx on membership (checkout_id) where checkout_id is not null;

-- Every Stripe (or Tessera) fact that bears on a membership's state, kept forever. The state is the fold of
-- these facts in Stripe time (created, then status precedence), so duplicates and reordering cannot change it.
create table membership_fact (
    membership_id        text        not null references membership (id),
    event_id             text        not null,
    kind                 text        not null,
    stripe_created       timestamptz not null,
    status               text,
    stripe_status        text,
    precedence           integer     not null,
    tiebreak             integer     not null default 0,
    cancel_at_period_end boolean,
    period_end           timestamptz,
    billing_reason       text,
    reason               text,
    recorded_at          timestamptz not null default now(),
    primary key (membership_id, event_id)
);

-- The history of transitions, derived from the facts: the same facts always give the same history.
create table membership_transition (
    membership_id  text        not null references membership (id),
    seq            integer     not null,
    from_status    text,
    to_status      text        not null,
    reason         text        not null,
    cause_event_id text        not null,
    effective_at   timestamptz not null,
    primary key (membership_id, seq)
);

-- What a holder (user, or guest e-mail until claimed) may enter.
create table entitlement (
    id                text        primary key,
    kind              text        not null,
    resource          text        not null,
    group_resource    text,
    seller_id         text        not null,
    group_id          text,
    offering_id       text        not null,
    user_id           text,
    email             text,
    source_type       text        not null check (source_type in ('membership', 'purchase')),
    source_id         text        not null,
    checkout_id       text,
    payment_intent_id text,
    status            text        not null check (status in ('active', 'revoked')),
    valid_until       timestamptz,
    granted_at        timestamptz not null,
    revoked_at        timestamptz,
    revoke_reason     text,
    updated_at        timestamptz not null default now(),
    unique (source_type, source_id, resource)
);
-- The access check: one index probe per resource form.
create index entitlement_access_idx on entitlement (user_id, resource) include (valid_until) where status = 'active';
create index entitlement_group_access_idx on entitlement (user_id, group_resource) include (valid_until)
    where status = 'active' and group_resource is not null;
create index entitlement_user_idx on entitlement (user_id, granted_at);
create index entitlement_email_idx on entitlement (email) where email is not null;
create index entitlement_payment_intent_idx on entitlement (payment_intent_id) where payment_intent_id is not null;
create index entitlement_checkout_idx on entitlement (checkout_id) where checkout_id is not null;

-- A tier switch: the replaced subscription is cancelled at Stripe exactly once (a scheduler sends the command).
create table tier_switch (
    replaced_subscription_id text        primary key,
    from_membership_id       text,
    to_membership_id         text        not null,
    stripe_account           text,
    prorate                  boolean     not null,
    invoice_now              boolean     not null,
    cancel_status            text        not null check (cancel_status in ('pending', 'done', 'failed')),
    attempts                 integer     not null default 0,
    next_attempt_at          timestamptz not null default now(),
    last_error               text,
    cause_event_id           text        not null,
    created_at               timestamptz not null default now(),
    cancelled_at             timestamptz
);
create index tier_switch_pending_idx on tier_switch (next_attempt_at) where cancel_status = 'pending';

-- Guest purchases claimed by a user; kept so that a claim seen before the purchase still applies.
create table guest_claim (
    checkout_id       text        primary key,
    user_id           text        not null,
    email             text,
    session_id        text,
    subscription_id   text,
    payment_intent_id text,
    cause_event_id    text        not null,
    claimed_at        timestamptz not null default now()
);
create index guest_claim_session_idx on guest_claim (session_id) where session_id is not null;
create index guest_claim_subscription_idx on guest_claim (subscription_id) where subscription_id is not null;

-- Payments that were fully refunded or lost a dispute; kept so that a revocation seen before the grant applies.
create table payment_revocation (
    payment_intent_id text        primary key,
    charge_id         text,
    subscription_id   text,
    reason            text        not null,
    cause_event_id    text        not null,
    stripe_created    timestamptz not null,
    recorded_at       timestamptz not null default now()
);
create index payment_revocation_subscription_idx on payment_revocation (subscription_id) where subscription_id is not null;

-- The platform plan in force for each seller (absent: the configured default plan).
create table seller_plan (
    seller_id      text        primary key,
    plan           text        not null,
    commission_bps integer     not null,
    effective_at   timestamptz not null,
    membership_id  text,
    updated_at     timestamptz not null default now()
);
