package dev.tideflow.collector.service;

import dev.tideflow.collector.config.CollectorConfig;
import dev.tideflow.collector.messaging.WindowPublisher;
import dev.tideflow.collector.service.CollectorMetrics.RejectReason;
import dev.tideflow.collector.service.WindowAggregator.Admission;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ContractViolationException;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Counts samples from {@code tideflow.metrics} into windows and publishes each window when it closes.
 * A sample's record is acknowledged only once its window is on {@code tideflow.metric-windows}, so the
 * committed offset never passes a sample whose window could still be lost.
 *
 * <p>The consumer and the closing tick run on different threads; one lock guards the aggregator and is
 * held only for in-memory work, never across a send.
 */
@ApplicationScoped
public class WindowingService {

    private static final Logger LOG = Logger.getLogger(WindowingService.class);
    private static final long WARN_INTERVAL_MS = 60_000;

    private final CollectorConfig config;
    private final WindowPublisher publisher;
    private final CollectorMetrics metrics;
    private final ScalingLogger events;
    private final WindowAggregator<Message<?>> aggregator;
    private final ReentrantLock lock = new ReentrantLock();
    /** Partitions taken from this instance since it last owned them; guarded by {@link #lock}. */
    private final Set<TopicPartition> revoked = new HashSet<>();
    private final AtomicLong lastCapacityWarning = new AtomicLong();
    private final AtomicLong lastInstanceCapWarning = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Vertx vertx;
    private long timer;

    WindowingService(CollectorConfig config, WindowPublisher publisher, CollectorMetrics metrics,
            MeterRegistry registry, Vertx vertx, ScalingLogger events) {
        this.config = config;
        this.events = events;
        this.vertx = vertx;
        this.publisher = publisher;
        this.metrics = metrics;
        this.aggregator = new WindowAggregator<>(config.window(), config.grace(), config.maxClockSkew(),
                config.replayHorizon(), config.maxOpenWindows(), config.maxInstancesPerWindow());
        Gauge.builder("tideflow.collector.windows.open", this, s -> s.read(s.aggregator::openWindows))
                .description("Windows open in memory")
                .register(registry);
        Gauge.builder("tideflow.collector.samples.held", this, s -> s.read(s.aggregator::heldReceipts))
                .description("Samples counted into open windows, their records not yet acknowledged")
                .register(registry);
    }

    /**
     * Takes one record of {@code tideflow.metrics}. Returns at once: an accepted sample's record stays
     * unacknowledged with its window; anything else is settled before the next record is taken.
     */
    public CompletionStage<Void> admit(Message<String> message) {
        Instant now = Instant.now();
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        MetricSample sample;
        try {
            sample = ContractCodec.decode(message.getPayload(), MetricSample.class);
        } catch (ContractViolationException e) {
            metrics.rejected(CollectorMetrics.SOURCE_KAFKA, RejectReason.INVALID, 1);
            events.at(Level.WARN, "collector.ingest").str("source", CollectorMetrics.SOURCE_KAFKA)
                    .str("key", kafka.map(k -> String.valueOf(k.getKey())).orElse(""))
                    .str("reason", e.getMessage()).log("sample rejected");
            return message.nack(e);
        }
        if (sample.timestamp() == null) {
            sample = sample.withTimestamp(kafka.map(IncomingKafkaRecordMetadata::getTimestamp)
                    .filter(at -> at.toEpochMilli() >= 0)
                    .orElse(now));
        }
        Admission admission;
        lock.lock();
        try {
            if (kafka.isPresent() && revoked.contains(partitionOf(kafka.get()))) {
                // Polled before its partition moved away: the new owner reads it again from the last
                // commit, and an acknowledgement from here would be ignored anyway.
                return CompletableFuture.completedFuture(null);
            }
            admission = aggregator.add(sample, message, now);
        } finally {
            lock.unlock();
        }
        return switch (admission) {
            case ACCEPTED -> {
                metrics.accepted(CollectorMetrics.SOURCE_KAFKA, 1);
                events.at(Level.DEBUG, "collector.ingest").str("target", sample.target())
                        .str("metric", sample.metric()).num("value", sample.value().doubleValue())
                        .log("sample accepted");
                yield CompletableFuture.completedFuture(null);
            }
            case LATE -> {
                metrics.late();
                events.at(Level.DEBUG, "collector.ingest").str("target", sample.target())
                        .str("metric", sample.metric()).log("late sample dropped");
                yield message.ack();
            }
            case OVER_CAPACITY -> {
                metrics.rejected(CollectorMetrics.SOURCE_KAFKA, RejectReason.OVER_CAPACITY, 1);
                warnOverCapacity();
                yield message.ack();
            }
            case TOO_FAR_AHEAD -> {
                metrics.rejected(CollectorMetrics.SOURCE_KAFKA, RejectReason.TOO_FAR_AHEAD, 1);
                yield message.nack(new ContractViolationException("'timestamp' " + sample.timestamp()
                        + " is more than " + config.maxClockSkew() + " ahead of the collector's clock (" + now
                        + ")"));
            }
        };
    }

    /** The consumer lost these partitions: their records come again to whoever owns them now. */
    public void partitionsRevoked(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            revoked.addAll(partitions);
            List<Message<?>> dropped = aggregator.discard(message -> message
                    .getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> revoked.contains(partitionOf(m)))
                    .orElse(false));
            if (!dropped.isEmpty()) {
                LOG.infof("partitions %s revoked: dropped %d samples of open windows; their new owner counts them",
                        partitions, dropped.size());
            }
        } finally {
            lock.unlock();
        }
    }

    public void partitionsAssigned(Collection<TopicPartition> partitions) {
        lock.lock();
        try {
            revoked.removeAll(partitions);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the closing tick. A Vert.x timer rather than {@code @Scheduled}: Quarkus' scheduler runs
     * nothing more often than once a second, which would add up to a second to every window's close.
     */
    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.tick().toMillis(), id -> closeRound());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
        lock.lock();
        try {
            // Their records stay uncommitted: the next owner of the partitions reads and counts them again.
            LOG.infof("stopping with %d open windows holding %d samples", aggregator.openWindows(),
                    aggregator.heldReceipts());
        } finally {
            lock.unlock();
        }
    }

    /** One round at a time: a slow round (a struggling broker) delays the next instead of piling up. */
    private void closeRound() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeDueWindows().subscribe().with(
                ignored -> closing.set(false),
                failure -> {
                    LOG.error("closing windows failed", failure);
                    closing.set(false);
                });
    }

    /** Closes the due windows and publishes them, without blocking the event loop it runs on. */
    Uni<Void> closeDueWindows() {
        List<ClosedWindow<Message<?>>> due;
        lock.lock();
        try {
            due = aggregator.closeDue(Instant.now());
        } finally {
            lock.unlock();
        }
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(due)
                .onItem().transformToUni(this::deliver).merge(config.publish().concurrency())
                .collect().asList()
                .replaceWithVoid();
    }

    /** Publishes one window, then settles its samples' records. Never fails. */
    private Uni<Boolean> deliver(ClosedWindow<Message<?>> closed) {
        CollectorConfig.Publish settings = config.publish();
        Uni<Void> attempt = publisher.publish(closed.window())
                .ifNoItem().after(settings.attemptTimeout()).fail();
        if (settings.attempts() > 1) {
            attempt = attempt.onFailure().invoke(e -> LOG.warnf("publishing window %s failed, retrying: %s",
                            closed.window().windowId(), e.toString()))
                    .onFailure().retry().withBackOff(settings.backoff(), settings.maxBackoff())
                    .atMost(settings.attempts() - 1L);
        }
        return attempt.onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                ? acknowledge(closed)
                : deadLetter(closed, failure));
    }

    private Uni<Boolean> acknowledge(ClosedWindow<Message<?>> closed) {
        metrics.windowPublished();
        MetricWindow window = closed.window();
        long omitted = window.omittedInstanceSamples() == null ? 0 : window.omittedInstanceSamples();
        events.at(Level.INFO, "collector.window").str("target", window.target()).str("metric", window.metric())
                .num("windowStart", window.windowStart().toEpochMilli()).num("count", window.count().longValue())
                .num("avg", window.avg().doubleValue()).num("max", window.max().doubleValue())
                .num("instances", window.instances() == null ? 0 : window.instances().size())
                .num("omittedInstanceSamples", omitted)
                .log("window published");
        if (omitted > 0) {
            metrics.instanceSamplesOmitted(omitted);
            warnInstanceCap(window, omitted);
        }
        return settle(closed, Message::ack).replaceWith(true);
    }

    /**
     * The window could not be published: its samples go to the dead-letter topic with the reason, so they
     * can be replayed; acknowledging them would lose them, and holding them would stall the partition.
     */
    private Uni<Boolean> deadLetter(ClosedWindow<Message<?>> closed, Throwable failure) {
        MetricWindow window = closed.window();
        LOG.errorf(failure, "window %s could not be published after %d tries; dead-lettering its %d samples",
                window.windowId(), config.publish().attempts(), closed.receipts().size());
        metrics.rejected(CollectorMetrics.SOURCE_KAFKA, RejectReason.PUBLISH_FAILED, closed.receipts().size());
        WindowPublishException reason = new WindowPublishException(window, failure);
        return settle(closed, message -> message.nack(reason)).replaceWith(false);
    }

    private static Uni<Void> settle(ClosedWindow<Message<?>> closed,
            Function<Message<?>, CompletionStage<Void>> action) {
        List<Uni<Void>> settled = closed.receipts().stream()
                .map(message -> Uni.createFrom().completionStage(() -> action.apply(message))
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("settling a sample record of window %s failed: %s",
                                    closed.window().windowId(), e.toString());
                            return null;
                        }))
                .toList();
        return Uni.join().all(settled).andFailFast().replaceWithVoid();
    }

    private void warnOverCapacity() {
        long now = System.currentTimeMillis();
        long last = lastCapacityWarning.get();
        if (now - last >= WARN_INTERVAL_MS && lastCapacityWarning.compareAndSet(last, now)) {
            LOG.warnf("%d windows open, the limit of tideflow.collector.max-open-windows: samples needing a new"
                    + " window are dropped (counted as over-capacity)", config.maxOpenWindows());
        }
    }

    private void warnInstanceCap(MetricWindow window, long omitted) {
        long now = System.currentTimeMillis();
        long last = lastInstanceCapWarning.get();
        if (now - last >= WARN_INTERVAL_MS && lastInstanceCapWarning.compareAndSet(last, now)) {
            LOG.warnf("window %s had more instances than tideflow.collector.max-instances-per-window (%d): %d samples"
                    + " are in its target-wide aggregate only (counted as instance-samples.omitted)",
                    window.windowId(), config.maxInstancesPerWindow(), omitted);
        }
    }

    private double read(LongSupplier value) {
        lock.lock();
        try {
            return value.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    private static TopicPartition partitionOf(IncomingKafkaRecordMetadata<?, ?> metadata) {
        return new TopicPartition(metadata.getTopic(), metadata.getPartition());
    }

    /** Why a sample was dead-lettered although it was valid: its window never reached the broker. */
    static final class WindowPublishException extends RuntimeException {

        WindowPublishException(MetricWindow window, Throwable cause) {
            super("window " + window.windowId() + " could not be published: " + cause, cause);
        }
    }
}
