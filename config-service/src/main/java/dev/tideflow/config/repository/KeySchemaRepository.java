package dev.tideflow.config.repository;

import dev.tideflow.config.domain.KeySchema;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class KeySchemaRepository implements PanacheRepositoryBase<KeySchema, String> {

    public Uni<List<KeySchema>> listAll() {
        return listAll(Sort.by("prefix"));
    }
}
