package dev.tideflow.policy.repository;

import dev.tideflow.policy.domain.AutoscalingOverride;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
@WithSession
public class AutoscalingOverrideRepository implements PanacheRepositoryBase<AutoscalingOverride, Integer> {

    public Uni<AutoscalingOverride> findOverride() {
        return findById(AutoscalingOverride.ID);
    }

    public Uni<Integer> store(boolean enabled, Instant at, String by) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into {h-schema}autoscaling_override (id, enabled, updated_at, updated_by)
                        values (1, :enabled, :at, :by)
                        on conflict (id) do update
                          set enabled = excluded.enabled, updated_at = excluded.updated_at,
                              updated_by = excluded.updated_by
                        """)
                .setParameter("enabled", enabled)
                .setParameter("at", at)
                .setParameter("by", by)
                .executeUpdate());
    }
}
