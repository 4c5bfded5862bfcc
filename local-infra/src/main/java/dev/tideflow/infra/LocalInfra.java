package dev.tideflow.infra;

import dev.tideflow.contracts.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker and a real PostgreSQL, each in its own child JVM, for tests and
 * for the local stack. Both stop on {@link #close()}, and on their own when this JVM dies.
 */
public final class LocalInfra implements AutoCloseable {

    public static final String DATABASE = "postgres";
    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path workDir;
    private final boolean deleteOnClose;
    private final ChildJvm kafka;
    private final ChildJvm postgres;
    private final String bootstrapServers;
    private final int postgresPort;

    private LocalInfra(Builder b) {
        this.workDir = b.workDir;
        this.deleteOnClose = b.deleteOnClose;
        int kafkaPort = FreePorts.preferring(b.kafkaPort);
        int controllerPort = FreePorts.find();
        int pgPort = FreePorts.preferring(b.postgresPort);

        List<String> kafkaArgs = new ArrayList<>(List.of(workDir.resolve("kafka").toString(),
                String.valueOf(kafkaPort), String.valueOf(controllerPort)));
        for (Topics.TopicSpec t : b.topics) {
            kafkaArgs.add(t.name() + ":" + t.partitions() + ":" + (t.compacted() ? "compact" : "delete"));
        }
        // Both start at once; each takes a few seconds.
        ChildJvm startedKafka = ChildJvm.start("kafka", "dev.tideflow.infra.launcher.KafkaBrokerMain", kafkaArgs,
                workDir.resolve("kafka.log"), "768m");
        ChildJvm startedPostgres = ChildJvm.start("postgres", "dev.tideflow.infra.launcher.PostgresMain",
                List.of(workDir.resolve("postgres").toString(), String.valueOf(pgPort)),
                workDir.resolve("postgres.log"), "128m");
        try {
            this.bootstrapServers = startedKafka.awaitReady(Duration.ofSeconds(90)).substring("kafka ".length());
            startedPostgres.awaitReady(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            startedKafka.close();
            startedPostgres.close();
            throw e;
        }
        this.kafka = startedKafka;
        this.postgres = startedPostgres;
        this.postgresPort = pgPort;
    }

    /** Fresh broker and database in a new temporary directory, on free ports, with every suite topic. */
    public static LocalInfra start() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    public int postgresPort() {
        return postgresPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + postgresPort + "/" + DATABASE;
    }

    public Path workDir() {
        return workDir;
    }

    /** The settings that point a Tideflow service at this broker and database. */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.reactive.url", reactiveUrl());
        config.put("quarkus.datasource.username", USERNAME);
        config.put("quarkus.datasource.password", PASSWORD);
        return config;
    }

    /** The same settings as environment variables, for a service started as a separate process. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        serviceConfig().forEach((key, value) -> env.put(
                key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return env;
    }

    @Override
    public void close() {
        Thread stopKafka = new Thread(kafka::close, "stop-kafka");
        stopKafka.start();
        postgres.close();
        try {
            stopKafka.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (deleteOnClose) {
            deleteRecursively(workDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private Path workDir;
        private boolean deleteOnClose = true;
        private int kafkaPort;
        private int postgresPort;
        private List<Topics.TopicSpec> topics = Topics.ALL;

        /** Where data and logs go. Default: a new temporary directory, deleted on close. */
        public Builder workDir(Path dir, boolean deleteOnClose) {
            this.workDir = dir;
            this.deleteOnClose = deleteOnClose;
            return this;
        }

        /** Use this port if it is free, any free port otherwise. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** Use this port if it is free, any free port otherwise. */
        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder topics(List<Topics.TopicSpec> topics) {
            this.topics = List.copyOf(topics);
            return this;
        }

        public LocalInfra build() {
            if (workDir == null) {
                try {
                    workDir = Files.createTempDirectory("tideflow-infra-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new LocalInfra(this);
        }
    }
}
