package dev.tideflow.collector.repository;

import dev.tideflow.collector.domain.MetricWindowEntity;
import dev.tideflow.contracts.MetricWindow;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class MetricWindowRepository implements PanacheRepository<MetricWindowEntity> {

    /**
     * Stores the window unless its series already has one starting at the same instant. Two instances
     * storing the same window at once make one transaction fail on the unique key; its retry finds the row.
     *
     * @return true if a row was added
     */
    @WithSession
    public Uni<Boolean> insertIfAbsent(MetricWindow window) {
        return find("target = ?1 and metric = ?2 and windowStart = ?3",
                window.target(), window.metric(), window.windowStart())
                .firstResult()
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(false)
                        : persist(MetricWindowEntity.of(window)).replaceWith(true));
    }

    /** Newest first; {@code target} and {@code metric} filter when not null. */
    @WithSession
    public Uni<List<MetricWindowEntity>> latest(String target, String metric, int limit) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (target != null) {
            conditions.add("target = :target");
            parameters.and("target", target);
        }
        if (metric != null) {
            conditions.add("metric = :metric");
            parameters.and("metric", metric);
        }
        Sort newestFirst = Sort.descending("windowStart").and("target").and("metric");
        var query = conditions.isEmpty()
                ? findAll(newestFirst)
                : find(String.join(" and ", conditions), newestFirst, parameters);
        return query.page(0, limit).list();
    }
}
