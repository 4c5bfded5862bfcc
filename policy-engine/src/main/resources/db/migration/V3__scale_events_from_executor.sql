-- Phase 3 of target tracking: the rate policies count what the executor did, not what the engine decided.

-- One row per decision the executor reported on (tideflow.scaling-events), keyed by the decision, so a redelivered
-- event is recorded once. Every status is kept: a FAILED or DRY_RUN row tells that the decision is no longer in
-- flight; only SUCCEEDED rows count against the rate policies.
create table scale_event (
    decision_id     text        primary key,
    target          text        not null,
    status          text        not null check (status in ('SUCCEEDED', 'FAILED', 'DRY_RUN')),
    replicas_before integer     check (replicas_before >= 0),
    replicas_after  integer     check (replicas_after >= 0),
    finished_at     timestamptz not null,
    recorded_at     timestamptz not null
);

-- Every targetTracking evaluation reads its target's recent changes.
create index scale_event_target_finished on scale_event (target, finished_at) where status = 'SUCCEEDED';
create index scale_event_recorded on scale_event (recorded_at);

-- A decision still in flight is looked up by its target among the recent real ones.
create index decision_target_window_end on decision (target, window_end) where not dry_run;

-- The scale events phase 2 kept in each policy's history were the engine's own decisions; they are read from
-- scale_event (and the decisions still in flight) now.
update policy_state set history = jsonb_set(history, '{scaleEvents}', '[]'::jsonb) where history ? 'scaleEvents';
