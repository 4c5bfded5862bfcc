package dev.tideflow.config.repository;

import dev.tideflow.config.domain.KeyVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class KeyVersionRepository implements PanacheRepositoryBase<KeyVersion, Integer> {

    public Uni<List<KeyVersion>> listAll() {
        return listAll(Sort.by("version"));
    }

    public Uni<KeyVersion> findActive() {
        return find("state", KeyVersion.State.ACTIVE).firstResult();
    }

    public Uni<Integer> maxVersion() {
        return getSession().chain(session -> session
                .createQuery("select coalesce(max(k.version), 0) from KeyVersion k", Integer.class)
                .getSingleResult());
    }
}
