package dev.tideflow.config.messaging;

import dev.tideflow.config.MasterKeyTestResource;
import dev.tideflow.configclient.LiveConfig;
import dev.tideflow.configclient.LoggingSettings;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import static dev.tideflow.config.ConfigApi.deleteRevision;
import static dev.tideflow.config.ConfigApi.putRevision;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * config-service embeds config-client like the other services: a change it commits comes back to it over
 * {@code tideflow.config} and is applied to its own logging core, with the {@code config.applied} record the
 * propagation benchmark reads.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@QuarkusTestResource(MasterKeyTestResource.class)
class OwnLiveSettingsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ScalingLogger logger;

    @Inject
    LiveConfig liveConfig;

    private final Set<String> written = new LinkedHashSet<>();

    /** Later test classes start a config-service that reads the whole topic: leave nothing set. */
    @AfterEach
    void unset() {
        for (String key : written) {
            long revision = deleteRevision("global/" + key);
            await().atMost(WAIT).until(() -> liveConfig.revision() >= revision);
        }
    }

    @Test
    void aLevelWrittenThroughTheApiChangesThisServicesOwnLoggingCoreLive() {
        Level start = logger.level();
        assertNotEquals(Level.WARN, start, "the test needs a level to move away from");

        long revision = put(LoggingSettings.LEVEL, "WARN");
        await().atMost(WAIT).until(() -> logger.level() == Level.WARN);
        assertFalse(logger.isEnabled(Level.INFO));
        await().atMost(WAIT).until(() -> appliedRecordLogged(revision));

        // The deletion's own config.applied record is written at INFO while WARN is still in force: not looked for.
        written.remove(LoggingSettings.LEVEL);
        deleteRevision("global/" + LoggingSettings.LEVEL);
        await().atMost(WAIT).until(() -> logger.level() == start);
    }

    @Test
    void aScalingThresholdWrittenThroughTheApiReachesThisServicesOwnLoggingCore() {
        int start = logger.thresholds().stableWindows();
        int wanted = start + 7;
        put(LoggingSettings.SCALE + "stable-windows", Integer.toString(wanted));
        await().atMost(WAIT).until(() -> logger.thresholds().stableWindows() == wanted);

        written.remove(LoggingSettings.SCALE + "stable-windows");
        deleteRevision("global/" + LoggingSettings.SCALE + "stable-windows");
        await().atMost(WAIT).until(() -> logger.thresholds().stableWindows() == start);
    }

    private long put(String key, String value) {
        written.add(key);
        return putRevision("global/" + key, value);
    }

    /** Whether this service's structured log holds the {@code config.applied} record of {@code revision}. */
    private static boolean appliedRecordLogged(long revision) {
        var config = ConfigProvider.getConfig();
        Path file = Path.of(config.getValue("tideflow.log.directory", String.class),
                config.getValue("quarkus.application.name", String.class) + ".log");
        if (!Files.exists(file)) {
            return false;
        }
        try (var lines = Files.lines(file)) {
            return lines.anyMatch(line -> line.contains("\"logger\":\"config.applied\"")
                    && line.contains("\"revision\":" + revision + ","));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
