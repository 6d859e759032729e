-- Something went wrong with an order's delivery, or may: a delay, a lost or damaged parcel, a
-- wrong or missing item. One open incident per order and cause; written in the same transaction
-- as the journey change or deadline that reveals it.
create table incident (
    id               uuid        primary key,
    order_id         text        not null,
    customer_id      text        not null,
    cause            text        not null,
    -- the reason it was opened for, and the latest one a signal gave
    reason           text        not null,
    latest_reason    text        not null,
    status           text        not null,
    note             text,
    -- false when revealed by history (a replayed event, a deadline long past): nobody is messaged
    live             boolean     not null,
    promised_date    date,
    -- the delivery date we now expect, and the one we last told the customer
    new_date         date,
    told_date        date,
    told_reason      text,
    delay_days       int         not null default 0,
    -- messages planned about it so far: 0 while the customer has not been told
    revision         int         not null default 0,
    -- when the first sign became knowable (the event's time, the deadline) and when we noticed
    signal_at        timestamptz not null,
    opened_at        timestamptz not null,
    closed_at        timestamptz,
    close_reason     text,
    -- what the compensation policy decided last, in words
    compensation     text,
    updated_at       timestamptz not null
);
create unique index incident_open_idx on incident (order_id, cause) where status = 'OPEN';
create index incident_order_idx on incident (order_id, opened_at);
create index incident_opened_idx on incident (opened_at desc);
create index incident_status_idx on incident (status, reason, opened_at desc);

-- Every sign that fed an incident, in the order noticed.
create table incident_signal (
    id           bigserial   primary key,
    incident_id  uuid        not null references incident (id) on delete cascade,
    kind         text        not null,
    reason       text        not null,
    detail       text,
    event_id     text,
    new_date     date,
    signal_at    timestamptz not null,
    detected_at  timestamptz not null
);
create index incident_signal_incident_idx on incident_signal (incident_id, id);

-- Coupons given to make amends: at most one per incident. A dry run records what would have been
-- issued with no code and publishes nothing.
create table coupon (
    id           uuid           primary key,
    incident_id  uuid           not null references incident (id),
    order_id     text           not null,
    customer_id  text           not null,
    code         text,
    status       text           not null,
    kind         text           not null,
    value        numeric(19, 4) not null,
    currency     text,
    reason       text           not null,
    rule         text           not null,
    expires_at   timestamptz    not null,
    issued_at    timestamptz    not null
);
create unique index coupon_incident_idx on coupon (incident_id);
create unique index coupon_code_idx on coupon (code);
create index coupon_order_idx on coupon (order_id);
create index coupon_customer_idx on coupon (customer_id, issued_at);

-- Durable deadlines of open orders: the promise (end of the promised day in the customer's time
-- zone), the dispatch window after confirmation, and the time after which silence from the
-- carrier counts as stalled. Checking costs an index range scan over the rows that are due.
create table order_deadline (
    order_id  text        not null,
    kind      text        not null,
    due_at    timestamptz not null,
    primary key (order_id, kind)
);
create index order_deadline_due_idx on order_deadline (due_at);

-- Messages about an incident name it; the revision tells a first notice from an update.
alter table notification add column incident_id uuid references incident (id);
alter table notification add column incident_revision int;
