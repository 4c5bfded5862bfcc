package dev.tideflow.policy.service;

import dev.tideflow.contracts.ScalingEvent;
import dev.tideflow.policy.repository.ScaleEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps what the executor reports it did with each decision: the SUCCEEDED ones are the scale events the rate
 * policies count (see {@link ScaleEventHistory}), the others close a decision that was in flight.
 */
@ApplicationScoped
public class ScaleEventService {

    /**
     * HPA's longest rate period is 30 minutes; a day leaves room for a consumer that catches up after an outage,
     * and for a decision's event to arrive long after the decision.
     */
    static final Duration RETENTION = Duration.ofDays(1);

    private static final Logger LOG = Logger.getLogger(ScaleEventService.class);

    private final ScaleEventRepository events;

    public ScaleEventService(ScaleEventRepository events) {
        this.events = events;
    }

    /** Records {@code event} once per decision: a redelivered event changes nothing. */
    @WithTransaction
    public Uni<Void> record(ScalingEvent event) {
        return events.record(event, Instant.now().truncatedTo(ChronoUnit.MICROS)).invoke(recorded -> {
            if (recorded == 0) {
                LOG.debugf("scaling event of decision %s was recorded before", event.decisionId());
            }
        }).replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> prune() {
        return events.pruneRecordedBefore(Instant.now().minus(RETENTION)).replaceWithVoid();
    }
}
