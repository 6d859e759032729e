-- The W3C traceparent of what caused a message (the consumed event, a support request): its send
-- continues that trace, however much later it happens.
alter table notification add column trace_parent text;
