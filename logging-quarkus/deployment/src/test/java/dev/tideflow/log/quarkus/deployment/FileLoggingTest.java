package dev.tideflow.log.quarkus.deployment;

import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.quarkus.ScalingLoggerHandler;
import io.quarkus.bootstrap.logging.InitialConfigurator;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileLoggingTest {

    private static final Path DIR = Path.of("target", "tideflow-log-tests", "file-logging");
    private static final Path FILE = DIR.resolve("file-logging.log");
    private static final int BURST = 20_000;
    /** A JVM-wide flag: the test instance lives in Quarkus' class loader, the listener in JUnit's. */
    private static final String BURST_LOGGED = "tideflow.test.burst-logged";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(LogFiles.class))
            .setBeforeAllCustomizer(() -> LogFiles.deleteRecursively(DIR))
            .overrideConfigKey("quarkus.application.name", "file-logging")
            .overrideConfigKey("tideflow.log.directory", DIR.toString())
            .overrideConfigKey("quarkus.http.test-port", "0")
            // The console handler stays installed; quieter, so the burst does not flood the build output.
            .overrideConfigKey("quarkus.log.console.level", "WARN")
            // Pass-through keys reach the core's parser, which rejects any it does not know.
            .overrideConfigKey("tideflow.log.core.\"scale.window\"", "50ms")
            .overrideConfigKey("tideflow.log.sink.\"tick-interval\"", "200ms")
            .setAfterUndeployListener(FileLoggingTest::burstWasDrainedAtShutdown);

    private static final Logger LOG = Logger.getLogger("dev.tideflow.test.file");

    @Inject
    ScalingLogger scalingLogger;

    @Test
    void recordsLoggedThroughJBossLoggingReachTheFileInOrderWithTheirContent() {
        for (int i = 0; i < 500; i++) {
            LOG.infof("ordered %d", i);
        }
        LOG.debug("below the level");
        LOG.error("it failed", new IllegalStateException("disk on fire"));
        MDC.put("requestId", "req-42");
        try {
            LOG.warn("with context");
        } finally {
            MDC.remove("requestId");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> LogFiles.numbered(FILE, "ordered").size() == 500);
        LogFiles.assertSequence(LogFiles.numbered(FILE, "ordered"), 500, "ordered");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> LogFiles.lines(FILE).stream().anyMatch(l -> l.contains("\"msg\":\"with context\"")));
        List<String> lines = LogFiles.lines(FILE);
        String error = lines.stream().filter(l -> l.contains("\"msg\":\"it failed\"")).findFirst().orElseThrow();
        assertTrue(error.contains("\"level\":\"ERROR\""), error);
        assertTrue(error.contains("\"logger\":\"dev.tideflow.test.file\""), error);
        assertTrue(error.contains("java.lang.IllegalStateException") && error.contains("disk on fire"), error);
        String warn = lines.stream().filter(l -> l.contains("\"msg\":\"with context\"")).findFirst().orElseThrow();
        assertTrue(warn.contains("\"level\":\"WARN\"") && warn.contains("\"requestId\":\"req-42\""), warn);
        assertTrue(lines.stream().noneMatch(l -> l.contains("below the level")));
    }

    @Test
    void theInjectedScalingLoggerWritesStructuredRecordsToTheSameFile() {
        scalingLogger.at(Level.INFO, "policy").str("target", "shop/web").num("replicas", 4).log("decision published");

        await().atMost(Duration.ofSeconds(10)).until(() -> LogFiles.lines(FILE).stream()
                .anyMatch(l -> l.contains("\"msg\":\"decision published\"") && l.contains("\"target\":\"shop/web\"")
                        && l.contains("\"replicas\":4") && l.contains("\"logger\":\"policy\"")));
    }

    @Test
    void theConsoleHandlerStaysNextToOurs() {
        List<Class<?>> handlers = Arrays.stream(InitialConfigurator.DELAYED_HANDLER.getHandlers())
                .<Class<?>>map(Object::getClass).toList();
        assertTrue(handlers.contains(ScalingLoggerHandler.class), handlers::toString);
        assertTrue(handlers.stream().anyMatch(ConsoleHandler.class::isAssignableFrom), handlers::toString);
    }

    @Test
    void aBurstLoggedJustBeforeShutdown() {
        // Not awaited: burstWasDrainedAtShutdown checks, after the application stopped, that close drained it all.
        for (int i = 0; i < BURST; i++) {
            LOG.infof("burst %d", i);
        }
        System.setProperty(BURST_LOGGED, "true");
    }

    private static void burstWasDrainedAtShutdown() {
        if (System.clearProperty(BURST_LOGGED) == null) {
            return;
        }
        LogFiles.assertSequence(LogFiles.numbered(FILE, "burst"), BURST, "burst drained at shutdown");
    }
}
