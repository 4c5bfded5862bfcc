package dev.tideflow.config.service;

import dev.tideflow.config.config.ConfigServiceConfig;
import dev.tideflow.config.crypto.KeyRing;
import dev.tideflow.config.crypto.SecretCryptoException;
import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.domain.Setting;
import dev.tideflow.config.domain.SettingChange;
import dev.tideflow.config.repository.AuditRepository;
import dev.tideflow.config.repository.SettingChangeRepository;
import dev.tideflow.config.repository.SettingRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves every secret, current and in history, to the active key version: the data key is unsealed with the old
 * version and resealed with the new one; the value ciphertext is kept and no plaintext value is ever produced.
 *
 * <p>A pass is one transaction under the settings write lock over at most {@code batch-size} secrets, so writers
 * wait for at most one short batch; passes follow each other until nothing is left. A rotation starts the job;
 * a sweep restarts it after a crash or a failed pass. Rewrapping does not change a value, so it draws no
 * revision and publishes nothing; each pass that moved something leaves one audit entry.
 */
@ApplicationScoped
public class SecretRewrapJob {

    private static final Logger LOG = Logger.getLogger(SecretRewrapJob.class);
    private static final String ACTOR = "tideflow/config-service";

    private final SettingRepository settings;
    private final SettingChangeRepository changes;
    private final AuditRepository audits;
    private final KeyRingService keys;
    private final Vertx vertx;
    private final ConfigServiceConfig.Rewrap config;

    private final AtomicBoolean running = new AtomicBoolean();

    public SecretRewrapJob(SettingRepository settings, SettingChangeRepository changes, AuditRepository audits,
            KeyRingService keys, Vertx vertx, ConfigServiceConfig config) {
        this.settings = settings;
        this.changes = changes;
        this.audits = audits;
        this.keys = keys;
        this.vertx = vertx;
        this.config = config.rewrap();
    }

    /** Starts the job unless it is already running; returns at once. */
    public void trigger() {
        if (keys.available() && running.compareAndSet(false, true)) {
            startPass();
        }
    }

    @Scheduled(every = "${tideflow.config-service.rewrap.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        trigger();
    }

    private void startPass() {
        try {
            // Like the outbox relay: a fresh duplicated context per pass, owning its Hibernate Reactive session.
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Panache.withTransaction(this::pass).subscribe().with(
                    outcome -> {
                        running.set(false);
                        // Go on while passes make progress; rows that cannot be opened alone do not loop the job.
                        if (outcome.moved() > 0 && outcome.seen() >= config.batchSize()) {
                            trigger();
                        }
                    },
                    failure -> {
                        LOG.warnf(failure, "secret rewrap pass failed; the next sweep retries");
                        running.set(false);
                    }));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not start a secret rewrap pass");
            running.set(false);
        }
    }

    /** What one pass did: rows looked at, rows moved (the rest could not be opened). */
    private record Outcome(int seen, int moved) {
    }

    private Uni<Outcome> pass() {
        int batch = config.batchSize();
        return changes.lockWrites().chain(keys::current).chain(ring -> {
            if (ring == null) {
                return Uni.createFrom().item(new Outcome(0, 0));
            }
            return settings.listSecretsNotUnder(ring.activeVersion(), batch).chain(current -> {
                int movedSettings = rewrapSettings(ring, current);
                return changes.listSecretsNotUnder(ring.activeVersion(), Math.max(1, batch - current.size()))
                        .chain(history -> {
                            int movedHistory = rewrapHistory(ring, history);
                            return audit(ring, movedSettings, movedHistory)
                                    .replaceWith(new Outcome(current.size() + history.size(),
                                            movedSettings + movedHistory));
                        });
            });
        });
    }

    private static int rewrapSettings(KeyRing ring, List<Setting> found) {
        int moved = 0;
        for (Setting setting : found) {
            try {
                setting.rewrapped(ring.rewrap(setting.storedValue(), setting.address()), ring.activeVersion());
                moved++;
            } catch (SecretCryptoException e) {
                // Left under its version, which therefore cannot be retired; the others go on.
                LOG.errorf("cannot rewrap the secret %s: %s", setting.address(), e.getMessage());
            }
        }
        return moved;
    }

    private static int rewrapHistory(KeyRing ring, List<SettingChange> found) {
        int moved = 0;
        for (SettingChange change : found) {
            try {
                change.rewrapped(ring.rewrap(change.storedValue(), change.address()), ring.activeVersion());
                moved++;
            } catch (SecretCryptoException e) {
                LOG.errorf("cannot rewrap revision %d of the secret %s: %s", change.revision(), change.address(),
                        e.getMessage());
            }
        }
        return moved;
    }

    private Uni<Void> audit(KeyRing ring, int movedSettings, int movedHistory) {
        int moved = movedSettings + movedHistory;
        if (moved == 0) {
            return Uni.createFrom().voidItem();
        }
        String detail = "rewrapped " + movedSettings + " setting(s) and " + movedHistory
                + " history entr(ies) to key version " + ring.activeVersion();
        LOG.info(detail);
        return audits.persist(AuditEntry.keyEvent(AuditEntry.KEY_REWRAP,
                        Instant.now().truncatedTo(ChronoUnit.MICROS), ACTOR, "rewrap-" + UUID.randomUUID(), detail))
                .replaceWithVoid();
    }
}
