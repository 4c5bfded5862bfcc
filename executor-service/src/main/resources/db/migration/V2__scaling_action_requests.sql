-- Vertical decisions: the per-replica requests a decision asked for, and those the driver reported before and after
-- applying it (null: the decision set none, or the driver does not report them). CPU in millicores, memory in MiB.
alter table scaling_action
    add column requested_cpu_millis integer,
    add column requested_memory_mib integer,
    add column cpu_millis_before    integer,
    add column memory_mib_before    integer,
    add column cpu_millis_after     integer,
    add column memory_mib_after     integer,
    add constraint scaling_action_requests_positive check (
        requested_cpu_millis > 0 and requested_memory_mib > 0 and cpu_millis_before > 0 and memory_mib_before > 0
        and cpu_millis_after > 0 and memory_mib_after > 0);
