-- Customer messages. A row is written in the same transaction as the journey change that causes
-- it (this table is the messages' outbox); dispatchers claim due rows with FOR UPDATE SKIP LOCKED.
create table notification (
    id                 uuid        primary key,
    order_id           text        not null,
    customer_id        text        not null,
    milestone          text        not null,
    channel            text        not null,
    -- the parcel a shipment milestone is about; null for order milestones
    shipment_id        text,
    -- order/milestone[/shipment]/channel: one message each, ever (a resend adds #resend-N)
    dedup_key          text        not null,
    recipient          text,
    locale             text        not null,
    time_zone          text        not null,
    status             text        not null,
    status_reason      text,
    subject            text,
    body               text,
    attempts           int         not null default 0,
    -- when the row is next due: now, the end of quiet hours, or the next retry
    next_attempt_at    timestamptz not null,
    -- a claimed row belongs to one dispatcher until then; after it, the send is in doubt
    claimed_until      timestamptz,
    last_claimed_at    timestamptz,
    provider_id        text,
    provider_status    text,
    error_code         text,
    error_message      text,
    cause_event_id     text,
    cause_occurred_at  timestamptz,
    cause_received_at  timestamptz,
    fallback_of        uuid        references notification (id),
    resend_of          uuid        references notification (id),
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    accepted_at        timestamptz
);
create unique index notification_dedup_idx on notification (dedup_key);
create index notification_order_idx on notification (order_id, created_at);
-- Only rows a dispatcher may still pick up are in this index, so a claim stays cheap however
-- many messages have been sent.
create index notification_due_idx on notification (channel, next_attempt_at)
    where status in ('PENDING', 'DEFERRED', 'RETRYING', 'SENDING', 'WAITING_FOR_PROVIDER');
create index notification_provider_idx on notification (provider_id) where provider_id is not null;

-- Every status a message went through, with what the provider said.
create table notification_status (
    id               bigserial   primary key,
    notification_id  uuid        not null references notification (id) on delete cascade,
    status           text        not null,
    at               timestamptz not null,
    provider_id      text,
    provider_status  text,
    error_code       text,
    error_message    text,
    detail           text
);
create index notification_status_notification_idx on notification_status (notification_id, id);
