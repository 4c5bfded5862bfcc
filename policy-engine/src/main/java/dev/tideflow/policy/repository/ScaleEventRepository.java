package dev.tideflow.policy.repository;

import dev.tideflow.contracts.ScalingEvent;
import dev.tideflow.policy.domain.ScaleEventRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
@WithSession
public class ScaleEventRepository implements PanacheRepositoryBase<ScaleEventRecord, String> {

    /** Records {@code event} unless its decision was reported before; 1 if recorded, 0 if it was a redelivery. */
    public Uni<Integer> record(ScalingEvent event, Instant recordedAt) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into {h-schema}scale_event
                          (decision_id, target, status, replicas_before, replicas_after, finished_at, recorded_at)
                        values (:decisionId, :target, :status, :before, :after, :finishedAt, :recordedAt)
                        on conflict (decision_id) do nothing
                        """)
                .setParameter("decisionId", event.decisionId())
                .setParameter("target", event.target())
                .setParameter("status", event.status().name())
                .setParameter("before", event.replicasBefore())
                .setParameter("after", event.replicasAfter())
                .setParameter("finishedAt", event.finishedAt())
                .setParameter("recordedAt", recordedAt)
                .executeUpdate());
    }

    /** The replica changes the executor made to {@code target} that finished after {@code after}, oldest first. */
    public Uni<List<ScaleEventRecord>> succeededSince(String target, Instant after) {
        return list("target = ?1 and status = ?2 and finishedAt > ?3", Sort.by("finishedAt"), target,
                ScaleEventRecord.SUCCEEDED, after);
    }

    /** Forgets the events recorded before {@code before}; returns how many. */
    public Uni<Long> pruneRecordedBefore(Instant before) {
        return delete("recordedAt < ?1", before);
    }
}
