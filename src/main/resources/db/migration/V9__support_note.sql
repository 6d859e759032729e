-- What support wrote down about an order (calls, promises made, context for colleagues).
create table support_note (
    id          uuid        primary key,
    order_id    text        not null references order_journey (order_id),
    author      text        not null,
    body        text        not null,
    created_at  timestamptz not null
);
create index support_note_order_idx on support_note (order_id, created_at);
