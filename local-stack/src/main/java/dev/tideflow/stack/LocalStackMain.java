package dev.tideflow.stack;

import dev.tideflow.infra.DevKeys;
import dev.tideflow.infra.LocalInfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole suite on this machine: broker, database, the four services, a demo workload run by the
 * process driver, a threshold policy for it, and a load that rises and falls so it scales up and
 * back down. Ctrl-C stops everything it started.
 *
 * <p>Options: {@code --duration <seconds>} stops on its own after that long (default: run until Ctrl-C).
 */
public final class LocalStackMain {

    static final String DEMO_TARGET = "demo/web";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = args.length == 2 && args[0].equals("--duration")
                ? Duration.ofSeconds(Long.parseLong(args[1])) : null;
        Path root = Suite.findRepoRoot(Path.of(""));
        Path work = root.resolve(".tideflow");
        deleteRecursively(work);
        Files.createDirectories(work);

        CountDownLatch stopped = new CountDownLatch(1);
        Stack stack = new Stack();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping: load, services, workload replicas, broker, database ...");
            stack.close();
            System.out.println("Stopped. Nothing left running.");
            stopped.countDown();
        }, "local-stack-stop"));

        System.out.println("Starting Kafka and PostgreSQL ...");
        stack.infra = LocalInfra.builder().workDir(work.resolve("infra"), false)
                .kafkaPort(19092).postgresPort(15432).build();
        DevKeys keys = DevKeys.generate();
        String token = keys.token("local-admin", List.of("admin", "operator", "viewer"), Duration.ofHours(12));
        Files.writeString(work.resolve("admin-token"), token);

        System.out.println("Starting the four services ...");
        stack.suite = Suite.start(root, work, stack.infra, keys, Map.of(
                Suite.COLLECTOR, Map.of("TIDEFLOW_COLLECTOR_WINDOW", "5s", "TIDEFLOW_COLLECTOR_GRACE", "1s"),
                Suite.EXECUTOR, Map.of("TIDEFLOW_EXECUTOR_OBSERVE_INTERVAL", "2s")), true);

        SuiteClient client = new SuiteClient(token);
        DemoSetup.registerWorkload(client, stack.suite, DEMO_TARGET);
        DemoSetup.createPolicy(client, stack.suite, DEMO_TARGET);

        ServiceProcess executor = stack.suite.service(Suite.EXECUTOR);
        stack.load = new DemoLoad(stack.infra.kafkaBootstrapServers(), DEMO_TARGET,
                () -> DemoSetup.runningReplicas(executor), 40, 420, Duration.ofMinutes(4));

        printWelcome(stack, token, work);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-load");
            t.setDaemon(true);
            return t;
        });
        stack.ticker = ticker;
        LoadReporter reporter = new LoadReporter();
        ticker.scheduleAtFixedRate(() -> {
            try {
                reporter.report(stack.load.tick());
            } catch (RuntimeException e) {
                // One failed tick (the broker restarting, say) must not end the demo load.
                System.out.println("load tick failed: " + e);
            }
        }, 0, 1, TimeUnit.SECONDS);
        if (duration != null && !stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            System.exit(0);
        }
        stopped.await();
    }

    /** Prints the load every few seconds and each change of the running replica count at once. */
    private static final class LoadReporter {
        private int lastReplicas = -1;
        private long ticks;

        void report(DemoLoad.Tick t) {
            if (t.replicas() != lastReplicas) {
                if (lastReplicas >= 0) {
                    System.out.printf("%s  %s scaled %d -> %d running processes%n", LocalTime.now().format(CLOCK),
                            DEMO_TARGET, lastReplicas, t.replicas());
                }
                lastReplicas = t.replicas();
            }
            if (ticks++ % 5 == 0) {
                System.out.printf("%s  load %4.0f req/s   replicas %d   cpu per replica %5.1f %%%n",
                        LocalTime.now().format(CLOCK), t.rate(), t.replicas(), t.cpu());
            }
        }
    }

    private static void printWelcome(Stack stack, String token, Path work) {
        System.out.println();
        System.out.println("Tideflow local stack is up.");
        for (ServiceProcess s : stack.suite.services()) {
            System.out.printf("  %-18s %s   (log %s)%n", s.name(), s.url(),
                    work.getParent().relativize(s.log()));
        }
        System.out.printf("  %-18s %s%n", "kafka", stack.infra.kafkaBootstrapServers());
        System.out.printf("  %-18s %s (user postgres, password postgres)%n", "postgresql", stack.infra.jdbcUrl());
        System.out.println();
        System.out.println("Admin token (12 h; also in .tideflow/admin-token):");
        System.out.println("  " + token);
        System.out.println();
        String policy = stack.suite.url(Suite.POLICY);
        String executor = stack.suite.url(Suite.EXECUTOR);
        System.out.println("Look:");
        System.out.println("  export TOKEN=$(cat .tideflow/admin-token)");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" '" + policy
                + "/api/decisions?target=" + DEMO_TARGET + "'");
        System.out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" '" + executor
                + "/api/events?target=" + DEMO_TARGET + "'");
        System.out.println("  curl -s -X PUT -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                + "-d '{\"value\":\"false\"}' " + stack.suite.url(Suite.CONFIG)
                + "/api/config/global/autoscaling.enabled   # pause autoscaling live");
        System.out.println();
        System.out.println("Demo: " + DEMO_TARGET + " runs as real 'sleep' processes under the process driver; the load "
                + "rises to 420 req/s and falls back over 4 minutes (100 req/s per replica).");
        System.out.println("Policy: scale up above 75 % cpu per replica, down below 30 %, 1..5 replicas, cooldown 15 s.");
        System.out.println("Press Ctrl-C to stop everything.");
        System.out.println();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What is running, in the order it is stopped. */
    private static final class Stack implements AutoCloseable {
        volatile ScheduledExecutorService ticker;
        volatile DemoLoad load;
        volatile Suite suite;
        volatile LocalInfra infra;

        @Override
        public void close() {
            if (ticker != null) {
                ticker.shutdown();
                try {
                    ticker.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (load != null) {
                load.close();
            }
            if (suite != null) {
                suite.close();
            }
            if (infra != null) {
                infra.close();
            }
        }
    }
}
