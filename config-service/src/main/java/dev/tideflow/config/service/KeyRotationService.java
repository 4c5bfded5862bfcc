package dev.tideflow.config.service;

import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.domain.KeyVersion;
import dev.tideflow.config.domain.KeyVersionSummary;
import dev.tideflow.config.repository.AuditRepository;
import dev.tideflow.config.repository.KeyVersionRepository;
import dev.tideflow.config.repository.SettingChangeRepository;
import dev.tideflow.config.repository.SettingRepository;
import dev.tideflow.kit.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Key versions: list them with what each protects, rotate to a new one, retire an old one. Rotation and
 * retirement take the settings write lock, so no write encrypts under a version while it changes state.
 */
@ApplicationScoped
public class KeyRotationService {

    private final KeyVersionRepository versions;
    private final SettingRepository settings;
    private final SettingChangeRepository changes;
    private final AuditRepository audits;
    private final KeyRingService keys;
    private final SecretRewrapJob rewrap;

    public KeyRotationService(KeyVersionRepository versions, SettingRepository settings,
            SettingChangeRepository changes, AuditRepository audits, KeyRingService keys, SecretRewrapJob rewrap) {
        this.versions = versions;
        this.settings = settings;
        this.changes = changes;
        this.audits = audits;
        this.keys = keys;
        this.rewrap = rewrap;
    }

    public Uni<List<KeyVersionSummary>> list() {
        return Panache.withSession(this::summaries);
    }

    /** Activates a new key version and starts the rewrap job once that has committed. */
    public Uni<List<KeyVersionSummary>> rotate(Caller caller) {
        return Panache.withTransaction(() -> changes.lockWrites().chain(() -> keys.rotate(caller)))
                .invoke(rewrap::trigger)
                .chain(ignored -> list());
    }

    /**
     * Destroys the material of {@code version}: 404 when unknown, 409 when it is active, already retired, or
     * still protects a secret (current or in history).
     */
    public Uni<List<KeyVersionSummary>> retire(int version, Caller caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> changes.lockWrites()
                        .chain(this::summaries)
                        .chain(all -> {
                            KeyVersionSummary found = all.stream().filter(s -> s.version().version() == version)
                                    .findFirst()
                                    .orElseThrow(() -> ProblemException.notFound("no key version " + version));
                            KeyVersion key = found.version();
                            if (key.state() == KeyVersion.State.ACTIVE) {
                                throw ProblemException.conflict("key version " + version
                                        + " is the active version; rotate to a new one first");
                            }
                            if (key.state() == KeyVersion.State.RETIRED) {
                                throw ProblemException.conflict("key version " + version + " is already retired");
                            }
                            if (found.protects() > 0) {
                                throw ProblemException.conflict("key version " + version + " still protects "
                                        + found.settings() + " setting(s) and " + found.history()
                                        + " history entr(ies); wait for the rewrap job (see GET /api/config/keys)");
                            }
                            key.retire(now, caller.actor());
                            return audits.persist(AuditEntry.keyEvent(AuditEntry.KEY_RETIRE, now, caller.actor(),
                                    caller.requestId(), "retired key version " + version
                                            + "; its key material is destroyed"));
                        }))
                .invoke(keys::forget)
                .chain(ignored -> list());
    }

    private Uni<List<KeyVersionSummary>> summaries() {
        return versions.listAll().chain(all -> settings.countByKeyVersion()
                .chain(current -> changes.countByKeyVersion().map(history -> all.stream()
                        .map(v -> new KeyVersionSummary(v, current.getOrDefault(v.version(), 0L),
                                history.getOrDefault(v.version(), 0L)))
                        .toList())));
    }
}
