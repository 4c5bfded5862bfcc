package dev.tideflow.policy.repository;

import dev.tideflow.policy.domain.TargetState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Observations and decisions reach a target's row from two consumers at once; each upsert writes
 * only its own columns so neither loses the other's update.
 */
@ApplicationScoped
@WithSession
public class TargetStateRepository implements PanacheRepositoryBase<TargetState, String> {

    public Uni<TargetState> findState(String target) {
        return findById(target);
    }

    /** Records an observation unless a newer one is already stored (records may arrive out of order). */
    public Uni<Integer> recordObservation(String target, int replicas, Instant observedAt) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into {h-schema}target_state as ts (target, observed_replicas, observed_at)
                        values (:target, :replicas, :observedAt)
                        on conflict (target) do update
                          set observed_replicas = excluded.observed_replicas, observed_at = excluded.observed_at
                          where ts.observed_at is null or ts.observed_at <= excluded.observed_at
                        """)
                .setParameter("target", target)
                .setParameter("replicas", replicas)
                .setParameter("observedAt", observedAt)
                .executeUpdate());
    }

    public Uni<Integer> recordDecision(String target, int desiredReplicas, Instant decidedAt) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into {h-schema}target_state as ts (target, last_decision_at, last_desired_replicas)
                        values (:target, :decidedAt, :desired)
                        on conflict (target) do update
                          set last_decision_at = excluded.last_decision_at,
                              last_desired_replicas = excluded.last_desired_replicas
                        """)
                .setParameter("target", target)
                .setParameter("decidedAt", decidedAt)
                .setParameter("desired", desiredReplicas)
                .executeUpdate());
    }
}
