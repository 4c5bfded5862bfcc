package dev.tideflow.bench;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.DevKeys;
import dev.tideflow.infra.FreePorts;
import dev.tideflow.infra.LocalInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Window produced → decision received, end to end through a real broker, a real PostgreSQL and the packaged
 * policy engine ({@code policy-engine/target/quarkus-app/quarkus-run.jar}) in its own JVM. Creates one
 * targetTracking policy whose windows alternate between twice and half its target, so that every window leads to
 * a decision, produces the windows at a fixed pace and reads {@code tideflow.decisions}; the first
 * {@code --warmup} windows are left out of the figures. Not a test: run it by hand on a quiet machine (see the
 * policy-engine README, "Benchmarks").
 *
 * <pre>
 *   java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) \
 *       dev.tideflow.bench.DecisionLatencyHarness --windows 1200 --warmup 200 --interval-ms 100
 * </pre>
 */
public final class DecisionLatencyHarness {

    private static final String TARGET = "bench/web";
    private static final String METRIC = "rps";
    private static final int WINDOW_SECONDS = 10;

    private DecisionLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // Logback is on this module's class path for its own benchmarks, unconfigured: it would print the Kafka
        // clients' DEBUG records.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (!Files.isRegularFile(options.application)) {
            throw new IllegalStateException(options.application + " does not exist: package policy-engine first");
        }
        try (LocalInfra infra = LocalInfra.start()) {
            Path work = infra.workDir();
            DevKeys keys = DevKeys.generate();
            Path publicKey = keys.writePublicKeyPem(work.resolve("jwt-public.pem"));
            int port = FreePorts.find();
            Path log = work.resolve("policy-engine.log");
            Process engine = startEngine(options.application, infra.serviceEnvironment(), publicKey, port, log);
            Thread stopOnExit = new Thread(() -> stop(engine), "stop-policy-engine");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            try {
                String url = "http://127.0.0.1:" + port;
                long started = System.nanoTime();
                awaitReady(engine, url, log, Duration.ofSeconds(120));
                System.out.printf(Locale.ROOT, "policy-engine ready in %d ms (log: %s)%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), log);
                createPolicy(url, keys.token("bench", List.of("admin"), Duration.ofHours(1)));
                run(infra.kafkaBootstrapServers(), options).print(options);
            } finally {
                stop(engine);
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
        }
    }

    private static Result run(String bootstrap, Options options) {
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        long[] latencies = new long[options.windows];
        Arrays.fill(latencies, -1);
        AtomicBoolean stop = new AtomicBoolean();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap);
                KafkaProducer<String, String> producer = producer(bootstrap)) {
            consumer.subscribe(List.of(Topics.DECISIONS));
            // Produce only once the consumer owns its partitions, so no decision is missed.
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    .minusSeconds((long) options.windows * WINDOW_SECONDS);
            Thread pacer = new Thread(() -> produce(producer, first, options, sentAt, stop), "produce-windows");
            long start = System.nanoTime();
            pacer.start();
            int received = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                    (long) options.windows * options.intervalMillis + 60_000);
            while (received < options.windows && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    if (!TARGET.equals(record.key())) {
                        continue;
                    }
                    ScalingDecision decision = ContractCodec.decode(record.value(), ScalingDecision.class);
                    int index = (int) ((decision.windowEnd().getEpochSecond() - first.getEpochSecond())
                            / WINDOW_SECONDS) - 1;
                    Long sent = sentAt.get((long) index);
                    if (index >= 0 && index < latencies.length && sent != null && latencies[index] < 0) {
                        latencies[index] = now - sent;
                        received++;
                    }
                }
            }
            long elapsed = System.nanoTime() - start;
            stop.set(true);
            pacer.join();
            return new Result(latencies, options.warmup, elapsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Windows of the one metric, {@code intervalMillis} apart in wall time, {@value #WINDOW_SECONDS} s in event time. */
    private static void produce(KafkaProducer<String, String> producer, Instant first, Options options,
            Map<Long, Long> sentAt, AtomicBoolean stop) {
        long next = System.nanoTime();
        for (int i = 0; i < options.windows && !stop.get(); i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            next += TimeUnit.MILLISECONDS.toNanos(options.intervalMillis);
            Instant start = first.plusSeconds((long) i * WINDOW_SECONDS);
            // 20 and 5 against an average of 10: the count doubles, then halves, so every window decides.
            double avg = i % 2 == 0 ? 20 : 5;
            MetricWindow window = new MetricWindow(Contract.VERSION, TARGET, METRIC, start,
                    start.plusSeconds(WINDOW_SECONDS), 100L, avg, avg, avg, avg * 100);
            String value = ContractCodec.encode(window);
            sentAt.put((long) i, System.nanoTime());
            producer.send(new ProducerRecord<>(Topics.METRIC_WINDOWS, TARGET, value));
        }
        producer.flush();
    }

    private static void createPolicy(String url, String token) throws IOException, InterruptedException {
        // No stabilization and rate periods of 1 s: 10 s apart in event time, no window is held back by the last.
        String policy = """
                {"name": "bench-web", "target": "%s", "minReplicas": 1, "maxReplicas": 100,
                 "rule": {"type": "targetTracking", "metrics": [
                     {"name": "%s", "target": {"type": "AverageValue", "averageValue": 10}}]},
                 "behavior": {
                     "scaleUp": {"stabilizationWindowSeconds": 0,
                                 "policies": [{"type": "Percent", "value": 1000, "periodSeconds": 1}]},
                     "scaleDown": {"stabilizationWindowSeconds": 0,
                                   "policies": [{"type": "Percent", "value": 100, "periodSeconds": 1}]}}}"""
                .formatted(TARGET, METRIC);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/api/policies"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(policy)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the policy failed: " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static Process startEngine(Path application, Map<String, String> infraEnv, Path publicKey, int port,
            Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                application.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(infraEnv);
        builder.environment().put("TIDEFLOW_HTTP_PORT", String.valueOf(port));
        builder.environment().put("TIDEFLOW_JWT_PUBLIC_KEY_LOCATION", publicKey.toUri().toString());
        builder.environment().put("TIDEFLOW_JWT_ISSUER", DevKeys.ISSUER);
        builder.environment().put("TIDEFLOW_LOG_DIRECTORY", log.resolveSibling("structured").toString());
        return builder.start();
    }

    private static void awaitReady(Process engine, String url, Path log, Duration timeout)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!engine.isAlive()) {
                throw new IllegalStateException("policy-engine exited with " + engine.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            // Doubles as the poll interval and as a prompt notice if the engine exits.
            engine.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("policy-engine not ready within " + timeout + "; see " + log);
    }

    private static void stop(Process engine) {
        if (!engine.isAlive()) {
            return;
        }
        engine.destroy();
        try {
            if (!engine.waitFor(20, TimeUnit.SECONDS)) {
                engine.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.destroyForcibly();
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-harness-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    private record Options(int windows, int warmup, long intervalMillis, Path application) {

        static Options parse(String[] args) {
            int windows = 1000;
            int warmup = 200;
            long interval = 100;
            Path application = Path.of("policy-engine/target/quarkus-app/quarkus-run.jar");
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--windows" -> windows = Integer.parseInt(args[i + 1]);
                    case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                    case "--interval-ms" -> interval = Long.parseLong(args[i + 1]);
                    case "--application" -> application = Path.of(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--windows, --warmup, --interval-ms, --application)");
                }
            }
            if (warmup >= windows) {
                throw new IllegalArgumentException("--warmup must be below --windows");
            }
            return new Options(windows, warmup, interval, application.toAbsolutePath());
        }
    }

    private record Result(long[] latencies, int warmup, long elapsedNanos) {

        void print(Options options) {
            long[] measured = Arrays.stream(latencies, warmup, latencies.length).filter(l -> l >= 0).sorted()
                    .toArray();
            int expected = latencies.length - warmup;
            System.out.printf(Locale.ROOT, "%nwindow produced -> decision received, policy-engine %s%n",
                    options.application);
            System.out.printf(Locale.ROOT, "windows %d (warm-up %d left out), one every %d ms, %.1f windows/s%n",
                    latencies.length, warmup, options.intervalMillis,
                    latencies.length / (elapsedNanos / 1e9));
            System.out.println("| decisions | missing | p50 ms | p95 ms | p99 ms | max ms |");
            System.out.println("|---:|---:|---:|---:|---:|---:|");
            if (measured.length == 0) {
                System.out.printf(Locale.ROOT, "| 0 | %d | - | - | - | - |%n", expected);
                return;
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.2f |%n", measured.length,
                    expected - measured.length, millis(percentile(measured, 50)), millis(percentile(measured, 95)),
                    millis(percentile(measured, 99)), millis(measured[measured.length - 1]));
        }

        /** Nearest rank. */
        private static long percentile(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }
}
