-- Predictive scaling: the policy's forecast settings as the user wrote them, null for none.
alter table policy add column predictive jsonb;

-- Every metric window's load, averaged per bucket, for the forecasts. One row per target, metric and bucket:
-- a window adds to its bucket's sum (an upsert), so the table grows with buckets, not windows, and a window is
-- added once because a bucket only takes windows that end after the last one it took.
create table metric_history (
    target          text             not null,
    metric          text             not null,
    bucket_start    timestamptz      not null,
    value_sum       double precision not null,
    windows         integer          not null,
    last_window_end timestamptz      not null,
    primary key (target, metric, bucket_start)
);

-- Pruning deletes by age across every target.
create index metric_history_bucket on metric_history (bucket_start);
