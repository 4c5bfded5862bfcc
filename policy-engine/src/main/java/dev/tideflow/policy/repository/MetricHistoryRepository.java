package dev.tideflow.policy.repository;

import dev.tideflow.policy.forecast.HistoryBucket;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Each target's and metric's load per bucket, for the forecasts. Written with one upsert per window: a window adds
 * to its bucket only when it ends after the last window the bucket took, so a redelivered window is not counted
 * twice.
 */
@ApplicationScoped
@WithSession
public class MetricHistoryRepository {

    public Uni<Integer> record(String target, String metric, Instant bucketStart, double value, Instant windowEnd) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into {h-schema}metric_history as h
                            (target, metric, bucket_start, value_sum, windows, last_window_end)
                        values (:target, :metric, :bucket, :value, 1, :windowEnd)
                        on conflict (target, metric, bucket_start) do update
                          set value_sum = h.value_sum + excluded.value_sum, windows = h.windows + 1,
                              last_window_end = excluded.last_window_end
                          where h.last_window_end < excluded.last_window_end
                        """)
                .setParameter("target", target)
                .setParameter("metric", metric)
                .setParameter("bucket", bucketStart)
                .setParameter("value", value)
                .setParameter("windowEnd", windowEnd)
                .executeUpdate());
    }

    /** The buckets of {@code target} and {@code metric} starting at or after {@code from}, oldest first. */
    public Uni<List<HistoryBucket>> since(String target, String metric, Instant from) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select cast(extract(epoch from bucket_start) * 1000 as bigint), value_sum / windows
                        from {h-schema}metric_history
                        where target = :target and metric = :metric and bucket_start >= :from
                        order by bucket_start
                        """, Object[].class)
                .setParameter("target", target)
                .setParameter("metric", metric)
                .setParameter("from", from)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new HistoryBucket(
                        Instant.ofEpochMilli(((Number) row[0]).longValue()), ((Number) row[1]).doubleValue()))
                        .toList());
    }

    /** Deletes every bucket that started before {@code before}; how many. */
    public Uni<Integer> pruneBefore(Instant before) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "delete from {h-schema}metric_history where bucket_start < :before")
                .setParameter("before", before)
                .executeUpdate());
    }
}
