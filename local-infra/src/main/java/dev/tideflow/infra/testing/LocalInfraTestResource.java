package dev.tideflow.infra.testing;

import dev.tideflow.infra.DevKeys;
import dev.tideflow.infra.LocalInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a real Kafka broker and a real PostgreSQL from {@link LocalInfra},
 * and at a test JWT key. One broker and one database serve every test of a test JVM: Quarkus may
 * load this class in several class loaders, so what is shared lives in system properties.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PREFIX = "tideflow.test.";

    @Override
    public synchronized Map<String, String> start() {
        synchronized (System.class) {
            if (System.getProperty(PREFIX + "kafka.bootstrap.servers") == null) {
                LocalInfra infra = LocalInfra.start();
                Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "tideflow-test-infra-stop"));
                DevKeys keys = DevKeys.generate();
                Path publicKey = keys.writePublicKeyPem(infra.workDir().resolve("jwt-public.pem"));
                Map<String, String> config = new LinkedHashMap<>(infra.serviceConfig());
                config.put("mp.jwt.verify.publickey.location", publicKey.toUri().toString());
                config.put("mp.jwt.verify.issuer", DevKeys.ISSUER);
                config.forEach((k, v) -> System.setProperty(PREFIX + k, v));
                System.setProperty(PREFIX + "jwt.private-key", keys.privateKeyBase64());
                System.setProperty(PREFIX + "config-keys", String.join(",", config.keySet()));
            }
            Map<String, String> config = new LinkedHashMap<>();
            for (String key : System.getProperty(PREFIX + "config-keys").split(",")) {
                config.put(key, System.getProperty(PREFIX + key));
            }
            return config;
        }
    }

    @Override
    public void stop() {
        // The broker and database outlive one Quarkus application: the next test class reuses them,
        // and a shutdown hook stops them with the test JVM.
    }

    /** The bootstrap servers of the shared broker, for tests that produce or consume directly. */
    public static String kafkaBootstrapServers() {
        return System.getProperty(PREFIX + "kafka.bootstrap.servers");
    }

    public static String jdbcUrl() {
        return System.getProperty(PREFIX + "quarkus.datasource.jdbc.url");
    }
}
