package dev.tideflow.stack;

import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Simulated traffic for a workload: a request rate that rises and falls over a period, and the
 * per-replica CPU it causes given how many replicas really run. Produces {@code cpu} samples to
 * {@code tideflow.metrics}, as a real exporter would.
 */
public final class DemoLoad implements AutoCloseable {

    /** Requests per second one replica serves at 100 % CPU. */
    static final double CAPACITY_PER_REPLICA = 100.0;

    private final KafkaProducer<String, String> producer;
    private final String target;
    private final IntSupplier replicas;
    private final double baseRate;
    private final double peakRate;
    private final Duration period;
    private final Instant start = Instant.now();

    public DemoLoad(String bootstrapServers, String target, IntSupplier replicas, double baseRate, double peakRate,
            Duration period) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
        this.target = target;
        this.replicas = replicas;
        this.baseRate = baseRate;
        this.peakRate = peakRate;
        this.period = period;
    }

    /** The request rate at {@code now}: base, rising to the peak half way through each period, and back. */
    double rate(Instant now) {
        double phase = (Duration.between(start, now).toMillis() % period.toMillis()) / (double) period.toMillis();
        double wave = Math.sin(Math.PI * phase);
        return baseRate + (peakRate - baseRate) * wave * wave;
    }

    /** Sends one sample per simulated replica and returns the CPU they report. */
    public Tick tick() {
        Instant now = Instant.now();
        double rate = rate(now);
        int running = Math.max(replicas.getAsInt(), 0);
        double cpu = running == 0 ? 100.0 : Math.min(100.0 * rate / (running * CAPACITY_PER_REPLICA), 400.0);
        for (int i = 0; i < Math.max(running, 1); i++) {
            MetricSample sample = new MetricSample(MetricSample.VERSION, target, "cpu", cpu, now, "replica-" + i);
            producer.send(new ProducerRecord<>(Topics.METRICS, target, ContractCodec.encode(sample)));
        }
        producer.flush();
        return new Tick(rate, running, cpu);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    public record Tick(double rate, int replicas, double cpu) {
    }
}
