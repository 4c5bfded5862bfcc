-- Per-instance aggregates of a window, {"instances": [{instance, count, avg, last, request, ready}, ...]} as
-- published in its "instances" list; null for windows whose samples named no instance and for older windows.
alter table metric_window add column instances jsonb
    check (instances is null or jsonb_typeof(instances -> 'instances') = 'array');
-- Samples of instances beyond the collector's per-window cap, counted target-wide only; null means none.
alter table metric_window add column omitted_instance_samples bigint check (omitted_instance_samples >= 0);
