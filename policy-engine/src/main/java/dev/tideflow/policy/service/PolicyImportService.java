package dev.tideflow.policy.service;

import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.PlatformPolicy;
import dev.tideflow.policy.domain.Policy;
import dev.tideflow.policy.repository.PolicyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Imports the platform team's {@code policies.json} all or nothing: every entry is mapped and checked first, and
 * one transaction creates the new policies and replaces those of the same name.
 */
@ApplicationScoped
public class PolicyImportService {

    private final PolicyRepository policies;
    private final PlatformPolicyMapper mapper = new PlatformPolicyMapper();

    public PolicyImportService(PolicyRepository policies) {
        this.policies = policies;
    }

    /** @throws ProblemException 400 listing every error of every entry, by index; nothing is stored then */
    @WithTransaction
    public Uni<List<Imported>> importAll(List<PlatformPolicy> file) {
        List<String> errors = new ArrayList<>();
        List<PlatformPolicyMapper.Mapped> mapped = mapper.map(file, errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(
                    ProblemException.invalid("the import is not valid; no policy was imported", errors));
        }
        Instant now = Instant.now();
        List<Imported> imported = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PlatformPolicyMapper.Mapped one : mapped) {
            chain = chain.chain(() -> policies.findByName(one.spec().name()).chain(existing -> {
                if (existing != null) {
                    existing.apply(one.spec(), now);
                    imported.add(new Imported(one.index(), existing.name, existing.id, "replaced", one.notes()));
                    return Uni.createFrom().voidItem();
                }
                Policy created = Policy.create(one.spec(), now);
                imported.add(new Imported(one.index(), created.name, created.id, "created", one.notes()));
                return policies.persist(created).replaceWithVoid();
            }));
        }
        return chain.call(policies::flush).replaceWith(imported);
    }

    /** @param action created or replaced */
    public record Imported(int index, String name, UUID id, String action, List<String> notes) {
    }
}
