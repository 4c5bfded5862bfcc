package dev.tideflow.policy.repository;

import dev.tideflow.policy.domain.Policy;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class PolicyRepository implements PanacheRepositoryBase<Policy, UUID> {

    public Uni<List<Policy>> listSorted(String target) {
        return target == null
                ? listAll(Sort.by("name"))
                : list("target", Sort.by("name"), target);
    }

    public Uni<Policy> findPolicy(UUID id) {
        return findById(id);
    }

    public Uni<Policy> findByName(String name) {
        return find("name", name).firstResult();
    }

    /**
     * The enabled policies of {@code target}; which of them watch a given metric is
     * {@link dev.tideflow.policy.domain.PolicySnapshot#watches}, since a targetTracking rule names its metrics
     * in its JSON.
     */
    public Uni<List<Policy>> listEnabled(String target) {
        return list("target = ?1 and enabled = true", Sort.by("name"), target);
    }

    /** The enabled policies of {@code target} that scale it for real (not dry run), but {@code except}. */
    public Uni<List<Policy>> listEnabledReal(String target, UUID except) {
        return list("target = ?1 and enabled = true and dryRun = false and id <> ?2", target, except);
    }

    /** Every enabled policy that has schedules, for the schedule trigger. */
    public Uni<List<Policy>> listEnabledScheduled() {
        return list("enabled = true and schedules is not null", Sort.by("name"));
    }

    /** Every policy with predictive scaling, enabled or not: their history windows bound what is kept. */
    public Uni<List<Policy>> listPredictive() {
        return list("predictive is not null", Sort.by("name"));
    }

    /** The policies of {@code target} with predictive scaling, enabled or not, for the forecast endpoint. */
    public Uni<List<Policy>> listPredictive(String target) {
        return list("target = ?1 and predictive is not null", Sort.by("name"), target);
    }

    public Uni<Long> countEnabled(boolean dryRun) {
        return count("enabled = true and dryRun = ?1", dryRun);
    }
}
