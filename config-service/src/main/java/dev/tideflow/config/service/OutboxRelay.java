package dev.tideflow.config.service;

import dev.tideflow.config.config.ConfigServiceConfig;
import dev.tideflow.config.domain.SettingChange;
import dev.tideflow.config.messaging.ConfigChangeSender;
import dev.tideflow.config.repository.SettingChangeRepository;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed changes from the outbox ({@code config_change where not published}) to
 * {@code tideflow.config}, strictly in revision order, then marks them published.
 *
 * <p>One pass runs at a time in this process ({@link #running}) and in the whole suite (a PostgreSQL advisory
 * lock held by the pass's transaction). A pass sends one record, waits for the broker's acknowledgement, then
 * sends the next; at the first failure it stops, marks what went out and leaves the rest, failed record
 * first, to a later pass. A pass is started after every committed write and by a sweep every second, which
 * catches whatever a failed pass, a crash or a broker outage left behind. A crash between send and commit
 * publishes a record twice, never loses one; consumers drop a revision they have already applied.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final SettingChangeRepository changes;
    private final ConfigChangeSender sender;
    private final Vertx vertx;
    private final ConfigServiceConfig.Relay config;
    private final ConfigMetrics metrics;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    private final ScalingLogger events;

    public OutboxRelay(SettingChangeRepository changes, ConfigChangeSender sender, Vertx vertx,
            ConfigServiceConfig config, ConfigMetrics metrics, ScalingLogger events) {
        this.events = events;
        this.changes = changes;
        this.sender = sender;
        this.vertx = vertx;
        this.config = config.relay();
        this.metrics = metrics;
    }

    /** Asks for a pass; returns at once. A request during a pass makes another pass follow it. */
    public void trigger() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            startPass();
        }
    }

    @Scheduled(every = "${tideflow.config-service.relay.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        trigger();
    }

    private void startPass() {
        try {
            // A fresh duplicated context per pass: the pass owns its Hibernate Reactive session and never
            // shares one with the request that triggered it.
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            Executor onContext = command -> context.runOnContext(ignored -> command.run());
            context.runOnContext(ignored -> {
                requested.set(false);
                Panache.withTransaction(() -> pass(onContext)).subscribe().with(
                        this::passEnded,
                        failure -> {
                            LOG.warnf(failure, "config outbox pass failed; the next sweep retries");
                            passEnded(Outcome.STOPPED);
                        });
            });
        } catch (RuntimeException e) {
            // Vert.x refusing work (shutting down); without this the relay would stay marked as running.
            LOG.warnf(e, "could not start a config outbox pass");
            running.set(false);
        }
    }

    private void passEnded(Outcome outcome) {
        running.set(false);
        boolean again = outcome == Outcome.MORE || (outcome == Outcome.DRAINED && requested.get());
        if (again && running.compareAndSet(false, true)) {
            startPass();
        }
    }

    private Uni<Outcome> pass(Executor onContext) {
        return changes.tryLockRelay().chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(Outcome.STOPPED);
            }
            int batchSize = config.batchSize();
            return changes.listUnpublished(batchSize).chain(batch -> sendFrom(batch, 0, onContext).map(sent -> {
                batch.subList(0, sent).forEach(SettingChange::markPublished);
                if (sent < batch.size()) {
                    return Outcome.STOPPED;
                }
                return batch.size() == batchSize ? Outcome.MORE : Outcome.DRAINED;
            }));
        });
    }

    /** Sends {@code batch} from {@code index} on, one acknowledged record after the other; returns how many went. */
    private Uni<Integer> sendFrom(List<SettingChange> batch, int index, Executor onContext) {
        if (index == batch.size()) {
            return Uni.createFrom().item(index);
        }
        SettingChange change = batch.get(index);
        return sender.send(change.toContract())
                .ifNoItem().after(config.publishTimeout()).fail()
                // Back on the pass's context: the Hibernate Reactive session must only be used from there.
                .emitOn(onContext)
                .map(ignored -> true)
                .onFailure().recoverWithItem(failure -> {
                    metrics.publishFailed();
                    LOG.warnf(failure, "could not publish config revision %d (%s); it is retried",
                            change.revision(), change.toContract().recordKey());
                    return false;
                })
                .chain(sent -> {
                    if (!sent) {
                        return Uni.createFrom().item(index);
                    }
                    metrics.published();
                    // Never the value: a secret's record carries only its mask anyway.
                    events.at(Level.INFO, "config.change").num("revision", change.revision())
                            .str("scope", change.scope().path()).str("key", change.key())
                            .bool("deleted", change.deleted()).log("config change published");
                    return sendFrom(batch, index + 1, onContext);
                });
    }

    private enum Outcome {
        /** Nothing left that this pass saw. */
        DRAINED,
        /** A full batch went out; more may be waiting. */
        MORE,
        /** A send failed or another relay holds the lock; the sweep tries again. */
        STOPPED
    }
}
