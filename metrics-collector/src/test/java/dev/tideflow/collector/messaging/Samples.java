package dev.tideflow.collector.messaging;

import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.UUID;

/** Test data and the one-time wait for the collector's consumer to own its partitions. */
public final class Samples {

    private static boolean live;

    private Samples() {
    }

    /** A target id nobody else uses on the shared broker. */
    public static String uniqueTarget(String namespace) {
        return namespace + "/t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String json(String target, String metric, double value, Instant at) {
        return ContractCodec.encode(MetricSample.of(target, metric, value, at));
    }

    /** A sample of one instance of the target, with its request and readiness. */
    public static String json(String target, String metric, double value, Instant at, String instance, Double request,
            Boolean ready) {
        return ContractCodec.encode(MetricSample.ofInstance(target, metric, value, at, instance, request, ready));
    }

    public static MetricWindow window(ConsumerRecord<String, String> record) {
        return ContractCodec.decode(record.value(), MetricWindow.class);
    }

    /**
     * A timestamp whose window cannot close for at least a second and a half, so a test's samples all
     * reach it before its end plus grace, however the tick falls.
     */
    public static Instant soon() {
        return Instant.now().plusSeconds(1);
    }

    /**
     * Right after start-up the consumer may not own its partitions yet; a sample read seconds later
     * could find its window already closing. Waits once for one round trip through the pipeline.
     */
    public static synchronized void awaitPipelineLive() {
        if (live) {
            return;
        }
        String target = uniqueTarget("warmup");
        try (TopicProbe windows = new TopicProbe(Topics.METRIC_WINDOWS, target)) {
            TopicProbe.produce(Topics.METRICS, target, json(target, "cpu", 1, Instant.now()));
            windows.await(1);
        }
        live = true;
    }
}
