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

    /** The enabled policies that evaluate windows of {@code metric} for {@code target}. */
    public Uni<List<Policy>> listEnabled(String target, String metric) {
        return list("target = ?1 and metric = ?2 and enabled = true", Sort.by("name"), target, metric);
    }
}
