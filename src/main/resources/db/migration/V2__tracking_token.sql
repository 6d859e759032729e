-- The key of the customer's tracking page: unguessable (128 random bits), minted once per order.
alter table order_journey add column tracking_token text;
create unique index order_journey_tracking_token_idx on order_journey (tracking_token);
