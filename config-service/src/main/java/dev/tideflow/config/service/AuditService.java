package dev.tideflow.config.service;

import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.repository.AuditRepository;
import dev.tideflow.contracts.ConfigScope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Reads the audit log (entries are written by the services that act, in their own transactions). */
@ApplicationScoped
public class AuditService {

    private final AuditRepository audits;

    public AuditService(AuditRepository audits) {
        this.audits = audits;
    }

    public Uni<List<AuditEntry>> search(ConfigScope scope, String key, String actor, long afterId, Instant afterTime,
            int limit) {
        return Panache.withSession(() -> audits.search(scope, key, actor, afterId, afterTime, limit));
    }
}
