-- A customer's choice of channels for order messages; no row means both are on.
create table customer_preference (
    customer_id   text        primary key,
    sms_enabled   boolean     not null,
    email_enabled boolean     not null,
    updated_at    timestamptz not null
);

-- Customers are looked up by id (preferences, and per-customer rules of later features).
create index order_journey_customer_idx on order_journey (customer_id);
