-- What a customer thought of a delivered order: one rating (1-5) and an optional comment, given once
-- on the tracking page.
create table feedback (
    order_id     text        primary key references order_journey (order_id),
    customer_id  text        not null,
    rating       int         not null check (rating between 1 and 5),
    comment      text,
    on_time      boolean,
    given_at     timestamptz not null
);
create index feedback_given_idx on feedback (given_at);

-- Work for support: a low rating opens a follow-up with the order's context.
create table follow_up (
    id          uuid        primary key,
    order_id    text        not null,
    reason      text        not null,
    detail      text,
    status      text        not null,
    created_at  timestamptz not null,
    closed_at   timestamptz,
    close_note  text
);
create index follow_up_status_idx on follow_up (status, created_at desc);
create index follow_up_order_idx on follow_up (order_id);
