package dev.tideflow.executor.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A registered target: which driver scales it and, for the process driver, what a replica runs. */
@Entity
@Table(name = "target")
public class TargetRegistration extends PanacheEntityBase {

    /** {@code namespace/name}. */
    @Id
    public String id;

    @Column(nullable = false)
    public String namespace;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String driver;

    @Column(nullable = false)
    public String[] command;

    @Column(name = "working_directory")
    public String workingDirectory;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Target toTarget() {
        return new Target(namespace, name, driver, command == null ? List.of() : List.of(command), workingDirectory);
    }
}
