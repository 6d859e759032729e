-- Numbers that texted STOP (or that Twilio reports as unsubscribed): no SMS goes to them.
create table sms_opt_out (
    phone         text        primary key,
    opted_out_at  timestamptz not null,
    source        text        not null
);
