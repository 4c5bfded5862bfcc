package dev.tideflow.policy.repository;

import dev.tideflow.policy.domain.DecisionLogEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class DecisionLogRepository implements PanacheRepositoryBase<DecisionLogEntry, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("decisionId", Sort.Direction.Descending);

    public Uni<DecisionLogEntry> findDecision(UUID decisionId) {
        return findById(decisionId);
    }

    /** When {@code policyId} last took a dry-run decision; null if never. */
    public Uni<Instant> lastDryRunAt(UUID policyId) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select max(e.createdAt) from DecisionLogEntry e"
                                + " where e.policyId = :policyId and e.dryRun = true",
                        Instant.class)
                .setParameter("policyId", policyId)
                .getSingleResultOrNull());
    }

    /**
     * The real (not dry-run) decisions for {@code target} of windows that ended after {@code after} which the
     * executor has not reported on yet, oldest first.
     */
    public Uni<List<DecisionLogEntry>> inFlight(String target, Instant after) {
        return list("""
                from DecisionLogEntry d where d.target = ?1 and d.dryRun = false and d.windowEnd > ?2
                  and not exists (select 1 from ScaleEventRecord e where e.decisionId = cast(d.decisionId as String))
                order by d.windowEnd""", target, after);
    }

    /** The newest {@code limit} decisions, of one target or of all when {@code target} is null. */
    public Uni<List<DecisionLogEntry>> listNewest(String target, int limit) {
        var query = target == null ? findAll(NEWEST_FIRST) : find("target", NEWEST_FIRST, target);
        return query.page(Page.ofSize(limit)).list();
    }
}
