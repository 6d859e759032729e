-- Thank-you coupons for loyal customers belong to no incident; one per order at most.
alter table coupon alter column incident_id drop not null;
create unique index coupon_loyalty_idx on coupon (order_id) where reason = 'LOYALTY';
