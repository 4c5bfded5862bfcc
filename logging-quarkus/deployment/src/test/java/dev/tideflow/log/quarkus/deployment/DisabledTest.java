package dev.tideflow.log.quarkus.deployment;

import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.quarkus.ScalingLoggerHandler;
import io.quarkus.bootstrap.logging.InitialConfigurator;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisabledTest {

    private static final Path DIR = Path.of("target", "tideflow-log-tests", "disabled");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(LogFiles.class))
            .setBeforeAllCustomizer(() -> LogFiles.deleteRecursively(DIR))
            .overrideConfigKey("tideflow.log.enabled", "false")
            .overrideConfigKey("tideflow.log.directory", DIR.toString())
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    ScalingLogger scalingLogger;

    @Test
    void noHandlerNoFileAndTheBeanDiscardsRecords() {
        Logger.getLogger("dev.tideflow.test.disabled").info("goes to the console only");
        long dropsBefore = scalingLogger.stats().drops();
        scalingLogger.at(Level.INFO, "policy").str("target", "shop/web").log("discarded");
        scalingLogger.log(Level.INFO, "policy", "discarded too");

        assertFalse(Arrays.stream(InitialConfigurator.DELAYED_HANDLER.getHandlers())
                .anyMatch(ScalingLoggerHandler.class::isInstance));
        assertFalse(Files.exists(DIR));
        assertTrue(scalingLogger.stats().drops() > dropsBefore);
    }
}
