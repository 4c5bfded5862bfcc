package dev.tideflow.executor.repository;

import dev.tideflow.contracts.ResourceRequests;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.executor.domain.ActionStatus;
import dev.tideflow.executor.domain.ScalingAction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ScalingActionRepository implements PanacheRepository<ScalingAction> {

    private static final Sort NEWEST_FIRST = Sort.by("startedAt", Sort.Direction.Descending)
            .and("id", Sort.Direction.Descending);

    /**
     * Records {@code decision} as PENDING unless a row for its id exists. The database settles the race
     * between two consumers of a redelivered decision: exactly one insert wins.
     *
     * @return true if this call inserted the row
     */
    public Uni<Boolean> insertPendingIfAbsent(ScalingDecision decision, String driver, Instant startedAt) {
        ResourceRequests resources = decision.resources();
        // Read as a query, not executeUpdate(): a bulk update makes Hibernate Reactive 3.2 warn on every commit.
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into {h-schema}scaling_action (decision_id, target, driver, policy_id, current_replicas,
                            desired_replicas, dry_run, status, reason, started_at, published, requested_cpu_millis,
                            requested_memory_mib)
                        values (:decisionId, :target, :driver, :policyId, :current, :desired, :dryRun, 'PENDING',
                            :reason, :startedAt, false, :cpuMillis, :memoryMiB)
                        on conflict (decision_id) do nothing
                        returning id""", Long.class)
                .setParameter("decisionId", decision.decisionId())
                .setParameter("target", decision.target())
                .setParameter("driver", driver)
                .setParameter("policyId", decision.policyId())
                .setParameter("current", decision.currentReplicas())
                .setParameter("desired", decision.desiredReplicas())
                .setParameter("dryRun", decision.isDryRun())
                .setParameter("reason", decision.reason())
                .setParameter("startedAt", startedAt)
                .setParameter("cpuMillis", resources == null ? null : resources.cpuMillis())
                .setParameter("memoryMiB", resources == null ? null : resources.memoryMiB())
                .getResultList())
                .map(inserted -> !inserted.isEmpty());
    }

    public Uni<ScalingAction> findByDecisionId(String decisionId) {
        return find("decisionId", decisionId).firstResult();
    }

    /** The audit, newest first, of one target or of all when {@code target} is null. */
    @WithSession
    public Uni<List<ScalingAction>> newest(String target, int limit) {
        var query = target == null ? findAll(NEWEST_FIRST) : find("target", NEWEST_FIRST, target);
        return query.page(Page.ofSize(limit)).list();
    }

    /** The replica count each target ended with after its last successful action through {@code driver}. */
    @WithSession
    public Uni<Map<String, Integer>> lastSucceededReplicas(String driver) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select a.target, a.replicasAfter from ScalingAction a
                        where a.id in (select max(b.id) from ScalingAction b
                            where b.driver = :driver and b.status = :status and b.replicasAfter is not null
                            group by b.target)""", Object[].class)
                .setParameter("driver", driver)
                .setParameter("status", ActionStatus.SUCCEEDED)
                .getResultList())
                .map(rows -> {
                    Map<String, Integer> latest = new LinkedHashMap<>();
                    rows.forEach(row -> latest.put((String) row[0], (Integer) row[1]));
                    return latest;
                });
    }

    /** The requests each target ended with after its last successful action through {@code driver} that had any. */
    @WithSession
    public Uni<Map<String, ResourceRequests>> lastSucceededRequests(String driver) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select a.target, a.cpuMillisAfter, a.memoryMiBAfter from ScalingAction a
                        where a.id in (select max(b.id) from ScalingAction b
                            where b.driver = :driver and b.status = :status
                                and (b.cpuMillisAfter is not null or b.memoryMiBAfter is not null)
                            group by b.target)""", Object[].class)
                .setParameter("driver", driver)
                .setParameter("status", ActionStatus.SUCCEEDED)
                .getResultList())
                .map(rows -> {
                    Map<String, ResourceRequests> latest = new LinkedHashMap<>();
                    rows.forEach(row -> latest.put((String) row[0],
                            new ResourceRequests((Integer) row[1], (Integer) row[2])));
                    return latest;
                });
    }
}
