-- A percentage_change threshold compares each window's value with the previous window's: the policy keeps the
-- last two values it read (two, so that a window evaluated again still finds the one before it).
alter table policy_state add column last_value double precision;
alter table policy_state add column last_window_end timestamptz;
alter table policy_state add column prior_value double precision;
alter table policy_state add column prior_window_end timestamptz;
