-- Phase 2 of target tracking: targetTracking rules and HPA behavior on policies, the state each policy keeps
-- between windows, priority and explanation on decisions, and the engine's own autoscaling switch.

-- A targetTracking rule names its metrics inside the rule and reads the aggregate its target type implies,
-- so it has neither a metric nor an aggregation of its own; a threshold rule keeps both.
alter table policy alter column metric drop not null;
alter table policy alter column aggregation drop not null;
alter table policy add constraint policy_metric_by_rule
    check ((rule ->> 'type' = 'targetTracking') = (metric is null and aggregation is null));
alter table policy add column behavior jsonb;
alter table policy add column evaluation_periods integer not null default 1 check (evaluation_periods >= 1);

-- Every window looks up the enabled policies of its target, then keeps those that watch its metric.
drop index policy_target_metric;
create index policy_target_enabled on policy (target) where enabled;

-- Written in the transaction of the decision the window led to (or none); one row per policy, and a policy has
-- one target, so the row is the target's state as far as the policy is concerned.
create table policy_state (
    policy_id            uuid primary key references policy (id) on delete cascade,
    target               text             not null,
    -- {"recommendations":[{"at":epochMillis,"replicas":n}], "scaleEvents":[{"at","from","to"}],
    --  "windows":{"<metric>":{"start","end","avg","sum"}}}, pruned to the behavior's longest window / period
    history              jsonb            not null,
    breach_direction     integer          not null default 0 check (breach_direction between -1 and 1),
    breach_count         integer          not null default 0 check (breach_count >= 0),
    breach_window_end    timestamptz,
    evaluated_at         timestamptz,
    current_replicas     integer,
    recommended_replicas integer,
    reason               text,
    confidence           double precision check (confidence between 0 and 1),
    priority             text check (priority in ('normal', 'high')),
    version              bigint           not null
);

create index policy_state_target on policy_state (target);

alter table decision add column priority text not null default 'normal' check (priority in ('normal', 'high'));
alter table decision add column explanation jsonb;

-- The policy engine's own switch (POST /api/autoscaling/enable); the suite-wide one is config-service's
-- autoscaling.enabled.
create table autoscaling_override (
    id         integer primary key check (id = 1),
    enabled    boolean     not null,
    updated_at timestamptz not null,
    updated_by text        not null
);
