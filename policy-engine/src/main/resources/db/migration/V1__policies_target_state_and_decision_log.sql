-- Flyway runs with default-schema=policy, so unqualified names live in the service's own schema.

create table policy (
    id               uuid primary key,
    name             text        not null,
    target           text        not null,
    metric           text        not null,
    aggregation      text        not null check (aggregation in ('avg', 'min', 'max', 'sum', 'count')),
    rule             jsonb       not null check (rule ? 'type'),
    min_replicas     integer     not null check (min_replicas >= 0),
    max_replicas     integer     not null check (max_replicas >= 1),
    cooldown_seconds integer     not null check (cooldown_seconds >= 0),
    enabled          boolean     not null,
    dry_run          boolean     not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null,
    constraint policy_name_unique unique (name),
    constraint policy_replica_range check (min_replicas <= max_replicas)
);

-- Every window looks up the enabled policies of its target and metric.
create index policy_target_metric on policy (target, metric) where enabled;

create table target_state (
    target                text primary key,
    observed_replicas     integer check (observed_replicas >= 0),
    observed_at           timestamptz,
    last_decision_at      timestamptz,
    last_desired_replicas integer check (last_desired_replicas >= 0)
);

-- The decision log outlives the policies it names, so policy_id is not a foreign key.
create table decision (
    decision_id      uuid primary key,
    target           text             not null,
    policy_id        uuid             not null,
    policy_name      text             not null,
    window_id        text             not null,
    current_replicas integer          not null,
    desired_replicas integer          not null,
    reason           text             not null,
    metric           text             not null,
    metric_value     double precision not null,
    window_end       timestamptz      not null,
    created_at       timestamptz      not null,
    dry_run          boolean          not null
);

create index decision_target_newest on decision (target, created_at desc);
create index decision_newest on decision (created_at desc);
create index decision_policy_dry_run on decision (policy_id, created_at desc) where dry_run;
