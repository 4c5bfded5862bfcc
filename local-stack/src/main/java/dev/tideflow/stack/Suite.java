package dev.tideflow.stack;

import dev.tideflow.infra.DevKeys;
import dev.tideflow.infra.FreePorts;
import dev.tideflow.infra.LocalInfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The four services, each a separate JVM started from its packaged application, pointed at one
 * {@link LocalInfra} and trusting one development key. Used by the local stack and the end-to-end test.
 */
public final class Suite implements AutoCloseable {

    public static final String COLLECTOR = "metrics-collector";
    public static final String POLICY = "policy-engine";
    public static final String EXECUTOR = "executor-service";
    public static final String CONFIG = "config-service";

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of(
            COLLECTOR, 8081, POLICY, 8082, EXECUTOR, 8083, CONFIG, 8084);

    private static final Duration SERVICE_TOKEN_TTL = Duration.ofDays(30);

    private final Map<String, ServiceProcess> services;

    private Suite(Map<String, ServiceProcess> services) {
        this.services = services;
    }

    /**
     * Starts the services in parallel and waits until each reports ready.
     *
     * @param repoRoot  the repository root, whose modules hold the built applications
     * @param workDir   where logs, the process driver's state and the JWT public key go
     * @param keys      the suite's signing keys: services verify tokens with the public key, and each service gets
     *                  a service token (role {@code service}, subject {@code service:<name>}, as service-kit's
     *                  {@code Roles}) to read its secret settings from config-service
     * @param overrides per service, extra environment variables (on top of the common ones)
     * @param fixedPorts use 8081–8084 when free (the local stack); otherwise any free port
     */
    public static Suite start(Path repoRoot, Path workDir, LocalInfra infra, DevKeys keys,
            Map<String, Map<String, String>> overrides, boolean fixedPorts) {
        Path jwtPublicKey = keys.writePublicKeyPem(workDir.resolve("jwt-public.pem"));
        Map<String, String> common = new HashMap<>(infra.serviceEnvironment());
        common.put("TIDEFLOW_JWT_PUBLIC_KEY_LOCATION", jwtPublicKey.toUri().toString());
        common.put("TIDEFLOW_JWT_ISSUER", DevKeys.ISSUER);
        common.put("TIDEFLOW_EXECUTOR_PROCESS_STATE_DIR", workDir.resolve("workloads").toString());
        common.put("TIDEFLOW_LOG_DIRECTORY", workDir.resolve("logs").resolve("structured").toString());
        Map<String, String> configServiceEnv = new HashMap<>(overrides.getOrDefault(CONFIG, Map.of()));
        configServiceEnv.putIfAbsent("TIDEFLOW_CONFIG_MASTER_KEY_FILE", MasterKeyFile.create(workDir).toString());

        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        try {
            for (String name : List.of(CONFIG, COLLECTOR, POLICY, EXECUTOR)) {
                Map<String, String> env = new HashMap<>(common);
                if (!name.equals(CONFIG)) {
                    env.put("TIDEFLOW_CONFIG_SERVICE_URL", started.get(CONFIG).url());
                    env.put("TIDEFLOW_SERVICE_TOKEN", keys.token("service:" + name, List.of("service"),
                            SERVICE_TOKEN_TTL));
                }
                env.putAll(name.equals(CONFIG) ? configServiceEnv : overrides.getOrDefault(name, Map.of()));
                int port = fixedPorts ? FreePorts.preferring(DEFAULT_PORTS.get(name)) : FreePorts.find();
                Path application = repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
                started.put(name, ServiceProcess.start(name, application, port, env,
                        workDir.resolve("logs").resolve(name + ".log")));
            }
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (ServiceProcess service : started.values()) {
                ready.add(CompletableFuture.runAsync(() -> service.awaitReady(Duration.ofSeconds(120))));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            return new Suite(started);
        } catch (RuntimeException e) {
            started.values().forEach(ServiceProcess::close);
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            throw cause instanceof RuntimeException r ? r : e;
        }
    }

    public String url(String service) {
        return services.get(service).url();
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** The repository root: the nearest directory upwards holding the suite's modules. */
    public static Path findRepoRoot(Path from) {
        String configured = System.getProperty("tideflow.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve(POLICY))) {
                return dir;
            }
        }
        throw new IllegalStateException("run this from inside the Tideflow repository");
    }

    @Override
    public void close() {
        List<Thread> stops = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            Thread stop = new Thread(service::close, "stop-" + service.name());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
