package dev.tideflow.collector.domain;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A published window as stored in {@code collector.metric_window}. */
@Entity
@Table(name = "metric_window")
public class MetricWindowEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String target;

    @Column(nullable = false)
    public String metric;

    @Column(name = "window_start", nullable = false)
    public Instant windowStart;

    @Column(name = "window_end", nullable = false)
    public Instant windowEnd;

    @Column(name = "sample_count", nullable = false)
    public long sampleCount;

    @Column(name = "min_value", nullable = false)
    public double minValue;

    @Column(name = "max_value", nullable = false)
    public double maxValue;

    @Column(name = "avg_value", nullable = false)
    public double avgValue;

    @Column(name = "sum_value", nullable = false)
    public double sumValue;

    /** The window's per-instance aggregates; null when no sample named its instance. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public InstancesDocument instances;

    @Column(name = "omitted_instance_samples")
    public Long omittedInstanceSamples;

    @Column(name = "recorded_at", nullable = false, insertable = false, updatable = false)
    public Instant recordedAt;

    public static MetricWindowEntity of(MetricWindow window) {
        MetricWindowEntity entity = new MetricWindowEntity();
        entity.target = window.target();
        entity.metric = window.metric();
        entity.windowStart = window.windowStart();
        entity.windowEnd = window.windowEnd();
        entity.sampleCount = window.count();
        entity.minValue = window.min();
        entity.maxValue = window.max();
        entity.avgValue = window.avg();
        entity.sumValue = window.sum();
        entity.instances = window.instances() == null ? null : new InstancesDocument(window.instances());
        entity.omittedInstanceSamples = window.omittedInstanceSamples();
        return entity;
    }

    public MetricWindow toContract() {
        return new MetricWindow(Contract.VERSION, target, metric, windowStart, windowEnd, sampleCount, minValue,
                maxValue, avgValue, sumValue, instances == null ? null : instances.instances(), omittedInstanceSamples);
    }
}
