-- A thresholds rule names its metrics and their aggregations itself, as a targetTracking rule does.
alter table policy drop constraint policy_metric_by_rule;
alter table policy add constraint policy_metric_by_rule
    check ((rule ->> 'type' in ('targetTracking', 'thresholds')) = (metric is null and aggregation is null));

-- The start of the window a policy last evaluated: with its end (evaluated_at) it gives the window's length, and a
-- policy's recommendation holds back another policy's scale-down of the same target for 3 such lengths.
alter table policy_state add column evaluated_window_start timestamptz;

-- A thresholds rule evaluates each window end once per metric: the run of windows before the latest one is kept, so
-- that the latest end is counted once, with the direction of its last evaluation.
alter table policy_state add column prior_breach_direction integer not null default 0;
alter table policy_state add column prior_breach_count integer not null default 0;
