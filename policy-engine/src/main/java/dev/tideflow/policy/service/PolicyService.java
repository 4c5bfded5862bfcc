package dev.tideflow.policy.service;

import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.domain.PolicySpec;
import dev.tideflow.policy.repository.PolicyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PolicyService {

    private final PolicyRepository policies;
    private final PolicyValidator validator = new PolicyValidator();

    public PolicyService(PolicyRepository policies) {
        this.policies = policies;
    }

    public Uni<List<Policy>> list(String target) {
        return policies.listSorted(target);
    }

    public Uni<Policy> get(UUID id) {
        return policies.findPolicy(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithTransaction
    public Uni<Policy> create(PolicySpec spec) {
        validate(spec);
        return policies.findByName(spec.name())
                .chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(duplicateName(spec.name()));
                    }
                    return policies.persistAndFlush(Policy.create(spec, Instant.now()));
                })
                .onFailure(ConstraintViolationException.class).transform(e -> duplicateName(spec.name()));
    }

    @WithTransaction
    public Uni<Policy> replace(UUID id, PolicySpec spec) {
        validate(spec);
        return policies.findByName(spec.name())
                .chain(sameName -> {
                    if (sameName != null && !sameName.id.equals(id)) {
                        return Uni.createFrom().failure(duplicateName(spec.name()));
                    }
                    return get(id);
                })
                .invoke(policy -> policy.apply(spec, Instant.now()))
                .call(policy -> policies.flush())
                .onFailure(ConstraintViolationException.class).transform(e -> duplicateName(spec.name()))
                .onFailure(e -> e instanceof OptimisticLockException || e instanceof StaleStateException)
                .transform(e -> ProblemException.conflict("policy " + id + " was changed concurrently; try again"));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return policies.deleteById(id)
                .chain(deleted -> deleted ? Uni.createFrom().voidItem() : Uni.createFrom().failure(notFound(id)));
    }

    @WithTransaction
    public Uni<Policy> setEnabled(UUID id, boolean enabled) {
        return get(id).invoke(policy -> {
            if (policy.enabled != enabled) {
                policy.enabled = enabled;
                policy.updatedAt = Instant.now();
            }
        });
    }

    private void validate(PolicySpec spec) {
        List<String> errors = validator.validate(spec);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the policy is not valid", errors);
        }
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no policy with id " + id);
    }

    private static ProblemException duplicateName(String name) {
        return ProblemException.conflict("a policy named '" + name + "' already exists");
    }
}
