package dev.tideflow.collector.service;

import dev.tideflow.collector.domain.MetricWindowEntity;
import dev.tideflow.collector.repository.MetricWindowRepository;
import dev.tideflow.contracts.MetricWindow;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The history of published windows in PostgreSQL. */
@ApplicationScoped
public class MetricWindowService {

    private final MetricWindowRepository repository;

    MetricWindowService(MetricWindowRepository repository) {
        this.repository = repository;
    }

    /** @return true if the window was new, false if it was already recorded */
    @WithTransaction
    public Uni<Boolean> record(MetricWindow window) {
        return repository.insertIfAbsent(window);
    }

    @WithSession
    public Uni<List<MetricWindow>> latest(String target, String metric, int limit) {
        return repository.latest(target, metric, limit)
                .map(rows -> rows.stream().map(MetricWindowEntity::toContract).toList());
    }
}
