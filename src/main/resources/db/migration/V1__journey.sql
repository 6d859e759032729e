-- Every accepted contract event, as received. The primary key is the deduplication record:
-- an event id is stored once, in the same transaction as the journey it changes.
create table journey_event (
    event_id      text        primary key,
    order_id      text        not null,
    type          text        not null,
    source        text        not null,
    occurred_at   timestamptz not null,
    received_at   timestamptz not null,
    live          boolean     not null,
    kafka_topic   text        not null,
    kafka_partition int       not null,
    kafka_offset  bigint      not null,
    data          jsonb       not null
);
create index journey_event_order_idx on journey_event (order_id, occurred_at);

-- The journey derived from an order's events (rebuilt from them whenever one arrives).
create table order_journey (
    order_id                 text primary key,
    status                   text not null,
    customer_id              text not null,
    customer_first_name      text,
    customer_last_name       text,
    customer_email           text,
    customer_phone           text,
    customer_locale          text not null,
    customer_time_zone       text not null,
    items                    jsonb not null,
    currency                 text,
    total                    numeric(19, 4),
    shipping_address         jsonb,
    placed_at                timestamptz not null,
    confirmed_at             timestamptz,
    cancelled_at             timestamptz,
    cancel_reason            text,
    promised_delivery_date   date not null,
    promise_deadline         timestamptz not null,
    estimated_delivery_date  date,
    delivered_at             timestamptz,
    on_time                  boolean,
    delivery_timing          text,
    order_to_delivery_hours  double precision,
    anomalies                jsonb not null,
    event_count              int not null,
    last_event_at            timestamptz not null,
    last_carrier_update_at   timestamptz,
    updated_at               timestamptz not null
);
create index order_journey_email_idx on order_journey (lower(customer_email));
create index order_journey_phone_idx on order_journey (customer_phone);
create index order_journey_status_idx on order_journey (status, placed_at desc);
create index order_journey_delivered_idx on order_journey (delivered_at) where status = 'DELIVERED';
create index order_journey_placed_idx on order_journey (placed_at desc);

create table shipment (
    order_id                 text not null references order_journey (order_id) on delete cascade,
    shipment_id              text not null,
    carrier                  text,
    tracking_number          text,
    carrier_tracking_url     text,
    status                   text not null,
    reason                   text,
    description              text,
    location                 text,
    estimated_delivery_date  date,
    shipped_at               timestamptz,
    delivered_at             timestamptz,
    last_update_at           timestamptz,
    skus                     jsonb not null,
    primary key (order_id, shipment_id)
);
create index shipment_tracking_idx on shipment (tracking_number);

-- Bad input, kept with its reason. The key makes dead-lettering idempotent across redeliveries.
create table dead_letter (
    source_topic    text        not null,
    source_partition int        not null,
    source_offset   bigint      not null,
    reason          text        not null,
    record_key      text,
    record_value    bytea,
    received_at     timestamptz not null,
    primary key (source_topic, source_partition, source_offset)
);

-- Transactional outbox: every message or event the service sends is written here in the same
-- transaction as the state change that causes it, then relayed to Kafka.
create sequence outbox_seq increment by 1;
create table outbox (
    id          bigint      primary key default nextval('outbox_seq'),
    topic       text        not null,
    message_key text,
    payload     bytea,
    headers     jsonb       not null default '{}'::jsonb,
    created_at  timestamptz not null
);
