package dev.tideflow.policy.repository;

import dev.tideflow.policy.domain.PolicyState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class PolicyStateRepository implements PanacheRepositoryBase<PolicyState, UUID> {

    public Uni<PolicyState> findState(UUID policyId) {
        return findById(policyId);
    }

    /** The latest evaluation of every enabled policy that has evaluated a window, of one target or of all. */
    public Uni<List<PolicyState>> listEvaluated(String target) {
        String enabled = "policyId in (select p.id from Policy p where p.enabled = true) and evaluatedAt is not null";
        Sort order = Sort.by("target").and("policyId");
        return target == null ? list(enabled, order) : list(enabled + " and target = ?1", order, target);
    }

    /** The states of the other policies of {@code target}, for the arbitration between a target's policies. */
    public Uni<List<PolicyState>> listOthers(String target, UUID policyId) {
        return list("target = ?1 and policyId <> ?2", target, policyId);
    }

    /** When any policy last evaluated a window (the window's end); null if none ever did. */
    public Uni<Instant> lastEvaluatedAt() {
        return getSession().chain(session -> session.createSelectionQuery(
                "select max(s.evaluatedAt) from PolicyState s", Instant.class).getSingleResultOrNull());
    }
}
