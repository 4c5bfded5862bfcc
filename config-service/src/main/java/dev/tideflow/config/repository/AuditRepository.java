package dev.tideflow.config.repository;

import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.domain.ScopeColumns;
import dev.tideflow.contracts.ConfigScope;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /** Entries matching every given filter (null = any), oldest first, after entry {@code afterId} or instant. */
    public Uni<List<AuditEntry>> search(ConfigScope scope, String key, String actor, long afterId, Instant afterTime,
            int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        where.add("id > :afterId");
        parameters.and("afterId", afterId);
        if (afterTime != null) {
            where.add("at > :afterTime");
            parameters.and("afterTime", afterTime);
        }
        if (scope != null) {
            where.add("scopeType = :scopeType and scopeName = :scopeName");
            parameters.and("scopeType", ScopeColumns.type(scope)).and("scopeName", ScopeColumns.name(scope));
        }
        if (key != null) {
            where.add("key = :key");
            parameters.and("key", key);
        }
        if (actor != null) {
            where.add("actor = :actor");
            parameters.and("actor", actor);
        }
        return find(String.join(" and ", where), Sort.by("id"), parameters).range(0, limit - 1).list();
    }
}
