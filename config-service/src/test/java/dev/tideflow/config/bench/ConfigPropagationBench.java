package dev.tideflow.config.bench;

import dev.tideflow.config.crypto.MasterKey;
import dev.tideflow.configclient.ConfigApplier;
import dev.tideflow.configclient.ConfigState;
import dev.tideflow.configclient.ConfigUpdate;
import dev.tideflow.contracts.Topics;
import dev.tideflow.infra.DevKeys;
import dev.tideflow.infra.FreePorts;
import dev.tideflow.infra.LocalInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a committed config change takes to be applied in every service: DESIGN §7 asks p99 ≤ 250 ms.
 *
 * <p>Starts a LocalInfra broker and database, config-service as its own JVM (the packaged
 * {@code target/quarkus-app}), and N followers that each read {@code tideflow.config} with their own consumer and
 * a real {@link ConfigApplier}, as {@code LiveConfig} does. Then writes one setting at a time through the API and
 * measures, for each change, from the API's 200 (the transaction has committed before it) to the moment the last
 * follower applied that revision; also per follower. Not a test: run it by hand.
 *
 * <pre>
 * ./mvnw -B -o -q install -pl contracts,config-client
 * ./mvnw -B -o -q package -pl config-service -DskipTests          # target/quarkus-app and test classes
 * ./mvnw -B -o -q dependency:build-classpath -pl config-service -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench.classpath
 * CP=config-service/target/test-classes:config-service/target/classes:$(cat config-service/target/bench.classpath)
 * java -cp "$CP" dev.tideflow.config.bench.ConfigPropagationBench [followers=4] [changes=1000] [warmup=100]
 * </pre>
 */
public final class ConfigPropagationBench {

    private static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*(\\d+)");

    private ConfigPropagationBench() {
    }

    public static void main(String[] args) throws Exception {
        int followers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path app = Path.of("config-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " is missing: package config-service first (see the class comment)");
        }
        try (LocalInfra infra = LocalInfra.start()) {
            DevKeys keys = DevKeys.generate();
            int port = FreePorts.find();
            Process service = startService(infra, keys, app, port);
            List<Follower> started = new ArrayList<>();
            try {
                String token = "Bearer " + keys.token("bench", List.of("admin"), Duration.ofHours(2));
                Api api = new Api("http://localhost:" + port, token);
                api.awaitReady(Duration.ofSeconds(60));
                for (int i = 0; i < followers; i++) {
                    Follower follower = new Follower(infra.kafkaBootstrapServers(), "bench-" + i);
                    follower.start();
                    started.add(follower);
                }
                for (Follower follower : started) {
                    follower.awaitLoaded();
                }
                run(api, started, warmup, "warm-up");
                long[][] result = run(api, started, changes, "measured");
                report(result, followers, changes);
            } finally {
                started.forEach(Follower::close);
                service.destroy();
                service.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** @return [0]: change → applied in every follower; [1 + i]: change → applied in follower i; nanoseconds */
    private static long[][] run(Api api, List<Follower> followers, int changes, String phase) throws Exception {
        long[][] nanos = new long[followers.size() + 1][changes];
        for (int n = 0; n < changes; n++) {
            long committed = api.put("global/bench.tick", phase + "-" + n);
            long acknowledged = System.nanoTime();
            long last = 0;
            for (int i = 0; i < followers.size(); i++) {
                long applied = followers.get(i).awaitApplied(committed, Duration.ofSeconds(30));
                nanos[i + 1][n] = applied - acknowledged;
                last = Math.max(last, applied);
            }
            nanos[0][n] = last - acknowledged;
        }
        return nanos;
    }

    private static void report(long[][] nanos, int followers, int changes) {
        System.out.printf("config change committed -> applied, %d changes, %d followers%n", changes, followers);
        System.out.printf("  in every follower: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", percentile(nanos[0], 50),
                percentile(nanos[0], 99), percentile(nanos[0], 100));
        for (int i = 1; i < nanos.length; i++) {
            System.out.printf("  follower %d:        p50 %.2f ms, p99 %.2f ms%n", i - 1, percentile(nanos[i], 50),
                    percentile(nanos[i], 99));
        }
    }

    private static double percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static Process startService(LocalInfra infra, DevKeys keys, Path app, int port) throws IOException {
        Path publicKey = keys.writePublicKeyPem(infra.workDir().resolve("bench-jwt-public.pem"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", app.toString());
        builder.environment().putAll(infra.serviceEnvironment());
        builder.environment().put("TIDEFLOW_HTTP_PORT", Integer.toString(port));
        builder.environment().put("TIDEFLOW_JWT_PUBLIC_KEY_LOCATION", publicKey.toUri().toString());
        builder.environment().put("TIDEFLOW_CONFIG_MASTER_KEY", MasterKey.generateBase64());
        builder.redirectErrorStream(true).redirectOutput(infra.workDir().resolve("config-service.log").toFile());
        return builder.start();
    }

    /** A LiveConfig-like follower: its own consumer from the beginning of the topic, a real applier. */
    private static final class Follower implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final ConfigApplier applier;
        private final Map<Long, Long> appliedAt = new ConcurrentHashMap<>();
        private final CountDownLatch loaded = new CountDownLatch(1);
        private final Thread thread;
        private volatile boolean running = true;

        Follower(String bootstrapServers, String service) {
            this.consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.CLIENT_ID_CONFIG, service,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000),
                    new StringDeserializer(), new StringDeserializer());
            this.applier = new ConfigApplier(() -> new ConfigState(service, "bench", null), this::applied);
            this.thread = new Thread(this::follow, "bench-follower-" + service);
        }

        private synchronized void applied(ConfigUpdate update) {
            appliedAt.put(update.revision(), System.nanoTime());
            notifyAll();
        }

        void start() {
            thread.start();
        }

        void awaitLoaded() throws InterruptedException {
            if (!loaded.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("follower did not load the topic");
            }
        }

        /** The nano time at which revision {@code revision} was applied. */
        synchronized long awaitApplied(long revision, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!appliedAt.containsKey(revision)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("revision " + revision + " not applied within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return appliedAt.get(revision);
        }

        private void follow() {
            TopicPartition partition = new TopicPartition(Topics.CONFIG, 0);
            try {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                Long resyncEnd = null;
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.value() != null
                                && applier.offer(record.value()) == ConfigApplier.Result.GAP) {
                            applier.beginResync();
                            consumer.seekToBeginning(List.of(partition));
                            resyncEnd = consumer.endOffsets(List.of(partition)).get(partition);
                            break;
                        }
                    }
                    if (!applier.isLoaded() && consumer.position(partition) >= end) {
                        applier.loaded();
                        loaded.countDown();
                    }
                    if (resyncEnd != null && consumer.position(partition) >= resyncEnd) {
                        applier.endResync();
                        resyncEnd = null;
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        @Override
        public void close() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The few calls on the config API the benchmark makes. */
    private record Api(String base, String token, HttpClient http) {

        Api(String base, String token) {
            this(base, token, HttpClient.newHttpClient());
        }

        void awaitReady(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                new CountDownLatch(1).await(200, TimeUnit.MILLISECONDS);
            }
            throw new IllegalStateException("config-service not ready within " + timeout);
        }

        /** PUTs a value; returns the revision it committed at. */
        long put(String path, String value) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/config/" + path))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher revision = REVISION.matcher(response.body());
            if (response.statusCode() != 200 || !revision.find()) {
                throw new IllegalStateException("PUT " + path + ": " + response.statusCode() + " " + response.body());
            }
            return Long.parseLong(revision.group(1));
        }
    }
}
