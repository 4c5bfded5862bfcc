package dev.tideflow.collector.service;

import dev.tideflow.collector.config.CollectorConfig;
import dev.tideflow.collector.messaging.SampleProducer;
import dev.tideflow.collector.service.CollectorMetrics.RejectReason;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.kit.rest.Problem;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Samples posted over REST go to {@code tideflow.metrics} like any producer's, so the partition owner
 * aggregates them with the rest of their series.
 */
@ApplicationScoped
public class SampleIntakeService {

    private static final Logger LOG = Logger.getLogger(SampleIntakeService.class);

    private final SampleProducer producer;
    private final CollectorMetrics metrics;
    private final ScalingLogger events;
    private final int sendConcurrency;

    SampleIntakeService(SampleProducer producer, CollectorMetrics metrics, CollectorConfig config,
            ScalingLogger events) {
        this.producer = producer;
        this.events = events;
        this.metrics = metrics;
        this.sendConcurrency = config.sendConcurrency();
    }

    /**
     * Sends every sample and completes once the broker has acknowledged them all.
     *
     * @return how many samples were accepted
     */
    public Uni<Integer> submit(List<MetricSample> samples) {
        return Multi.createFrom().iterable(samples)
                .onItem().transformToUni(sample -> producer.send(sample).replaceWith(Boolean.TRUE))
                .merge(sendConcurrency)
                .collect().asList()
                .map(List::size)
                .invoke(sent -> {
                    metrics.accepted(CollectorMetrics.SOURCE_REST, sent);
                    events.at(Level.DEBUG, "collector.ingest").str("source", CollectorMetrics.SOURCE_REST)
                            .num("samples", sent.longValue()).log("batch accepted");
                })
                .onFailure().transform(e -> {
                    LOG.warnf("a batch of %d samples could not be handed to Kafka: %s", samples.size(), e.toString());
                    metrics.rejected(CollectorMetrics.SOURCE_REST, RejectReason.PUBLISH_FAILED, samples.size());
                    return new ProblemException(new Problem("https://tideflow.dev/problems/ingest-unavailable",
                            "Service Unavailable", 503,
                            "the samples could not be handed to Kafka; some may have been accepted. Retry the batch"
                                    + " later", null, null));
                });
    }
}
