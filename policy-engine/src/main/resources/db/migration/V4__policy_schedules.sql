-- Schedules narrow a policy's replica range in recurring windows (cron, time zone, start/end, bounds); kept as
-- the user wrote them and read whole with the policy, {"items": [...]}, null for none.
alter table policy add column schedules jsonb;

-- Enabled policies with schedules, which the schedule trigger reads on every tick.
create index policy_scheduled on policy (name) where enabled and schedules is not null;

-- A decision a schedule window takes when it opens was not taken over a metric's window: it has no metric value.
alter table decision alter column metric drop not null;
alter table decision alter column metric_value drop not null;
