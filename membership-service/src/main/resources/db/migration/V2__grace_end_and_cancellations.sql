-- When the grace period of a past-due membership ran out (folded from a 'grace_ended' fact that a scheduled job
-- records once per past-due episode): the member is suspended, membership.suspended is published once.
alter table membership add column suspended_at timestamptz;
-- The grace job's probe: past due, grace over, not yet recorded.
create index membership_grace_due_idx on membership (grace_until) where status = 'past_due' and suspended_at is null;

-- One queue of Stripe subscription cancellations, whatever asked for them (a tier switch replaced the subscription,
-- or its membership was revoked): one row per subscription, so it is cancelled at Stripe at most once whatever
-- the causes. It is the former tier_switch table; a tier switch's row still records the switch.
alter table tier_switch rename to subscription_cancellation;
alter table subscription_cancellation rename column replaced_subscription_id to subscription_id;
alter table subscription_cancellation rename column from_membership_id to membership_id;
alter table subscription_cancellation rename column to_membership_id to replaced_by_membership_id;
alter table subscription_cancellation alter column replaced_by_membership_id drop not null;
alter table subscription_cancellation rename column cancel_status to status;
alter table subscription_cancellation rename constraint tier_switch_cancel_status_check to subscription_cancellation_status_check;
alter table subscription_cancellation rename constraint tier_switch_pkey to subscription_cancellation_pkey;
alter index tier_switch_pending_idx rename to subscription_cancellation_pending_idx;
alter table subscription_cancellation add column cause text not null default 'tier_switch'
    check (cause in ('tier_switch', 'revoked'));
alter table subscription_cancellation alter column cause drop default;
-- The key the cancellation is sent with; existing tier switches keep the key they were (or will be) sent with.
alter table subscription_cancellation add column idempotency_key text;
update subscription_cancellation set idempotency_key = 'tessera-membership:tier-switch:' || subscription_id || ':'
    || replaced_by_membership_id || ':prorate=' || prorate::text || ':invoice_now=' || invoice_now::text;
alter table subscription_cancellation alter column idempotency_key set not null;
