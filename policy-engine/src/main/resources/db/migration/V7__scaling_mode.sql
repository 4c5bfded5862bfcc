-- Vertical and mixed policies: the scaling mode (null for horizontal) and the request bounds as the user wrote them.
alter table policy add column scaling_mode text;
alter table policy add column vertical jsonb;
