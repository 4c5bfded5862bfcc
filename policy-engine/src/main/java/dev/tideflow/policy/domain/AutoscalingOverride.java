package dev.tideflow.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The policy engine's own autoscaling switch ({@code POST /api/autoscaling/enable}), one row. It can only
 * switch this service's evaluation off on top of the suite-wide {@code autoscaling.enabled}, which lives in
 * config-service.
 */
@Entity
@Table(name = "autoscaling_override")
public class AutoscalingOverride {

    public static final int ID = 1;

    @Id
    public int id;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
