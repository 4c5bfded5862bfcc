package dev.tideflow.log.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A multi-segment pass-through key reaches the core whole, and a typo in one stops the start. */
class PassThroughTypoTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(LogFiles.class))
            .overrideConfigKey("tideflow.log.directory",
                    Path.of("target", "tideflow-log-tests", "typo").toString())
            .overrideConfigKey("tideflow.log.core.scale.up.contention", "5%")
            .overrideConfigKey("tideflow.log.core.scale.up.contenton", "5%")
            .assertException(e -> {
                Throwable t = e;
                while (t != null && !String.valueOf(t.getMessage()).contains("scale.up.contenton")) {
                    t = t.getCause();
                }
                assertTrue(t != null, () -> "expected the core to reject the typo, got " + e);
                assertTrue(t.getMessage().contains("unknown logger property"), t.getMessage());
            });

    @Test
    void theApplicationDoesNotStart() {
        fail("the application must not start with an unknown tideflow.log.core key");
    }
}
