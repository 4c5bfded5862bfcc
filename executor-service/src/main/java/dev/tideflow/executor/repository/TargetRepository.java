package dev.tideflow.executor.repository;

import dev.tideflow.executor.domain.TargetRegistration;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class TargetRepository implements PanacheRepositoryBase<TargetRegistration, String> {

    @WithSession
    public Uni<List<TargetRegistration>> listById() {
        return listAll(Sort.by("id"));
    }

    @WithSession
    public Uni<TargetRegistration> findRegistration(String id) {
        return findById(id);
    }
}
