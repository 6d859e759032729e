-- What the delivery forecast learned (docs/forecast.md): per step (DISPATCH, TRANSIT) and key (a
-- lane or a shop), one row per day with the day's durations counted in the fixed bins of
-- DurationBins (bins = its VERSION: counts made with other bins are never mixed). A learned sample
-- adds one to one bin of its day's row in each key it counts in; the forecast's window is the sum
-- of the rows of its days. Updated in the ingest transaction that records the hand-over or delivery.
create table forecast_duration (
    step   text      not null,
    bins   smallint  not null,
    key    text      not null,
    -- the day the sample became known (days since 1970-01-01, UTC)
    day    int       not null,
    counts int[]     not null,
    -- the sum of counts: which key has enough samples is read from these alone
    total  int       not null,
    primary key (step, bins, key, day)
);

-- How the forecasts of each step turned out (calibration): per day, where the actual durations fell
-- in the distribution they would have been forecast from, counted in 100 bins of probability.
create table forecast_outcome (
    step   text  not null,
    day    int   not null,
    counts int[] not null,
    total  int   not null,
    primary key (step, day)
);

-- The current forecast of each open order, as computed at its latest event (or deadline); gone
-- once the order is delivered or cancelled.
create table order_forecast (
    order_id            text             primary key,
    -- NOT_SHIPPED or SHIPPED: what it was conditioned on
    basis               text             not null,
    -- p50 and the "at the latest" instants; null when overdue (past the lane's whole history)
    most_likely_at      timestamptz,
    latest_at           timestamptz,
    on_time_probability double precision not null,
    overdue             boolean          not null,
    -- from then on, still undelivered, the promise is likely missed (null: not before the promise)
    warn_at             timestamptz,
    lane                text             not null,
    lane_samples        int              not null,
    dispatch_key        text,
    dispatch_samples    int,
    computed_at         timestamptz      not null,
    -- when the forecast's warning was given (an order is warned once)
    warned_at           timestamptz
);
