package dev.tideflow.config.bench;

import dev.tideflow.config.crypto.MasterKey;
import dev.tideflow.infra.DevKeys;
import dev.tideflow.infra.FreePorts;
import dev.tideflow.infra.LocalInfra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a committed config change takes to be applied in every service: DESIGN §7 asks p99 ≤ 250 ms.
 *
 * <p>Starts a LocalInfra broker and database and the four services as their own JVMs from their packaged
 * {@code target/quarkus-app}. config-service commits and publishes each change; all four, config-service included,
 * apply it through config-client, each writing a structured {@code config.applied} record (logging core,
 * {@code "ts"} in milliseconds, {@code "revision"}) at the moment its {@code LiveConfig} has applied a revision;
 * the benchmark tails their structured logs. It writes one global setting at a time through the API and, for each
 * change, measures from the PUT being sent (so the write transaction is included: an upper bound of committed →
 * applied) and from its 200 (the commit happened before it: a lower bound) to the moment the last service applied
 * that revision. Not a test: run it by hand, from the repository root, after packaging the four services:
 *
 * <pre>
 * ./mvnw -B -o -q install -pl contracts,config-client,local-infra
 * ./mvnw -B -o -q package -pl config-service,metrics-collector,policy-engine,executor-service -DskipTests
 * ./mvnw -B -o -q dependency:build-classpath -pl config-service -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench.classpath
 * CP=config-service/target/test-classes:config-service/target/classes:$(cat config-service/target/bench.classpath)
 * java -cp "$CP" dev.tideflow.config.bench.ConfigPropagationBench [changes=1000] [warmup=100]
 * </pre>
 */
public final class ConfigPropagationBench {

    private static final Pattern REVISION = Pattern.compile("\"revision\"\\s*:\\s*(\\d+)");
    private static final Pattern TS = Pattern.compile("\"ts\"\\s*:\\s*\"([^\"]+)\"");
    private static final String CONFIG_SERVICE = "config-service";
    /** Every service that applies config changes: config-service follows the topic it publishes, like the rest. */
    private static final List<String> SERVICES = List.of(CONFIG_SERVICE, "metrics-collector", "policy-engine",
            "executor-service");

    private ConfigPropagationBench() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        for (String service : SERVICES) {
            if (!Files.exists(application(service))) {
                throw new IllegalStateException(application(service) + " is missing: package it first (see the"
                        + " class comment)");
            }
        }
        try (LocalInfra infra = LocalInfra.start()) {
            DevKeys keys = DevKeys.generate();
            Path work = Files.createDirectories(infra.workDir().resolve("bench"));
            Path publicKey = keys.writePublicKeyPem(work.resolve("jwt-public.pem"));
            List<Process> processes = new ArrayList<>();
            List<AppliedLog> logs = new ArrayList<>();
            try {
                Map<String, String> urls = new HashMap<>();
                for (String service : SERVICES) {
                    int port = FreePorts.find();
                    urls.put(service, "http://localhost:" + port);
                    processes.add(start(service, infra, work, publicKey, port));
                }
                String token = "Bearer " + keys.token("bench", List.of("admin"), Duration.ofHours(2));
                Api api = new Api(urls.get(CONFIG_SERVICE), token, HttpClient.newHttpClient());
                for (String service : SERVICES) {
                    api.awaitReady(urls.get(service), Duration.ofSeconds(180));
                }
                for (String service : SERVICES) {
                    logs.add(new AppliedLog(service, work.resolve("structured-" + service).resolve(service + ".log")));
                }
                run(api, logs, warmup, "warm-up");
                long[][][] result = run(api, logs, changes, "measured");
                report(result, logs, changes);
            } finally {
                logs.forEach(AppliedLog::close);
                processes.forEach(Process::destroy);
                for (Process process : processes) {
                    process.waitFor(20, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * @return [0]: from the PUT sent, [1]: from its 200; each [0]: applied in every service, [1 + i]: in service i;
     *         milliseconds
     */
    private static long[][][] run(Api api, List<AppliedLog> logs, int changes, String phase) throws Exception {
        long[][][] millis = new long[2][logs.size() + 1][changes];
        for (int n = 0; n < changes; n++) {
            long sent = System.currentTimeMillis();
            long revision = api.put("global/bench.tick", phase + "-" + n);
            long acknowledged = System.currentTimeMillis();
            long last = 0;
            for (int i = 0; i < logs.size(); i++) {
                long applied = logs.get(i).awaitApplied(revision, Duration.ofSeconds(30));
                millis[0][i + 1][n] = applied - sent;
                millis[1][i + 1][n] = applied - acknowledged;
                last = Math.max(last, applied);
            }
            millis[0][0][n] = last - sent;
            millis[1][0][n] = last - acknowledged;
        }
        return millis;
    }

    private static void report(long[][][] millis, List<AppliedLog> logs, int changes) {
        System.out.printf("config change -> applied in %d services (%s), %d changes, milliseconds%n", logs.size(),
                String.join(", ", SERVICES), changes);
        String[] from = {"from PUT sent (upper bound)", "from PUT's 200 (lower bound)"};
        for (int f = 0; f < 2; f++) {
            System.out.printf("  %s%n", from[f]);
            System.out.printf("    in every service: p50 %d, p99 %d, max %d%n", percentile(millis[f][0], 50),
                    percentile(millis[f][0], 99), percentile(millis[f][0], 100));
            for (int i = 0; i < logs.size(); i++) {
                System.out.printf("    %-18s p50 %d, p99 %d, max %d%n", logs.get(i).service + ":",
                        percentile(millis[f][i + 1], 50), percentile(millis[f][i + 1], 99),
                        percentile(millis[f][i + 1], 100));
            }
        }
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static Path application(String service) {
        return Path.of(service, "target", "quarkus-app", "quarkus-run.jar");
    }

    private static Process start(String service, LocalInfra infra, Path work, Path publicKey, int port)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", application(service).toString());
        builder.environment().putAll(infra.serviceEnvironment());
        builder.environment().put("TIDEFLOW_HTTP_PORT", Integer.toString(port));
        builder.environment().put("TIDEFLOW_JWT_PUBLIC_KEY_LOCATION", publicKey.toUri().toString());
        builder.environment().put("TIDEFLOW_JWT_ISSUER", DevKeys.ISSUER);
        builder.environment().put("TIDEFLOW_LOG_DIRECTORY", work.resolve("structured-" + service).toString());
        builder.environment().put("TIDEFLOW_EXECUTOR_PROCESS_STATE_DIR", work.resolve("workloads").toString());
        if (service.equals(CONFIG_SERVICE)) {
            builder.environment().put("TIDEFLOW_CONFIG_MASTER_KEY", MasterKey.generateBase64());
        }
        builder.redirectErrorStream(true).redirectOutput(work.resolve(service + ".out").toFile());
        return builder.start();
    }

    /** Tails one service's structured log for its {@code config.applied} records: revision → wall-clock ms. */
    private static final class AppliedLog implements AutoCloseable {

        private final String service;
        private final Path file;
        private final Map<Long, Long> appliedAt = new HashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        AppliedLog(String service, Path file) {
            this.service = service;
            this.file = file;
            this.thread = new Thread(this::tail, "bench-tail-" + service);
            this.thread.setDaemon(true);
            this.thread.start();
        }

        synchronized long awaitApplied(long revision, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!appliedAt.containsKey(revision)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(service + " did not apply revision " + revision + " within "
                            + timeout + " (" + file + ")");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return appliedAt.get(revision);
        }

        private void tail() {
            long position = 0;
            StringBuilder partial = new StringBuilder();
            byte[] buffer = new byte[64 * 1024];
            while (running) {
                try {
                    if (Files.exists(file)) {
                        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                            if (in.length() < position) {
                                position = 0; // rotated
                            }
                            in.seek(position);
                            int read;
                            while ((read = in.read(buffer)) > 0) {
                                position += read;
                                partial.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                            }
                        }
                        int newline;
                        while ((newline = partial.indexOf("\n")) >= 0) {
                            line(partial.substring(0, newline));
                            partial.delete(0, newline + 1);
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(2);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + file, e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void line(String line) {
            if (!line.contains("\"logger\":\"config.applied\"")) {
                return;
            }
            Matcher revision = REVISION.matcher(line);
            Matcher ts = TS.matcher(line);
            if (revision.find() && ts.find()) {
                synchronized (this) {
                    appliedAt.put(Long.parseLong(revision.group(1)), Instant.parse(ts.group(1)).toEpochMilli());
                    notifyAll();
                }
            }
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    /** The few calls the benchmark makes. */
    private record Api(String base, String token, HttpClient http) {

        void awaitReady(String url, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url
                            + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            throw new IllegalStateException(url + " not ready within " + timeout);
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
