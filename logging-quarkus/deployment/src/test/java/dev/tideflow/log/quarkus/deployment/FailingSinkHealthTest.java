package dev.tideflow.log.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * A real failure, no test hook: the log directory disappears under a running service, so rotations, reopenings
 * and writes fail and are reported through the error callback; readiness goes DOWN, and UP again once the
 * directory is back and the errors have aged out of the window.
 */
class FailingSinkHealthTest {

    private static final Path DIR = Path.of("target", "tideflow-log-tests", "failing-sink");
    private static final String CHECK = "checks.find { it.name == 'tideflow-log' }";
    private static final Logger LOG = Logger.getLogger("dev.tideflow.test.failing");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(LogFiles.class))
            .setBeforeAllCustomizer(() -> LogFiles.deleteRecursively(DIR))
            .overrideConfigKey("tideflow.log.directory", DIR.toString())
            .overrideConfigKey("tideflow.log.max-file-size", "4KB")
            .overrideConfigKey("tideflow.log.compression", "none")
            .overrideConfigKey("tideflow.log.sink.\"retry.max-attempts\"", "2")
            .overrideConfigKey("tideflow.log.sink.\"retry.initial-backoff\"", "1ms")
            .overrideConfigKey("tideflow.log.sink.\"retry.max-backoff\"", "5ms")
            .overrideConfigKey("tideflow.log.health.max-errors", "3")
            .overrideConfigKey("tideflow.log.health.error-window", "2s")
            .overrideConfigKey("quarkus.log.console.level", "WARN")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Test
    void readinessGoesDownWhileTheSinkFailsAndRecovers() throws IOException {
        given().get("/q/health/ready").then().statusCode(200).body(CHECK + ".status", is("UP"));

        LogFiles.deleteRecursively(DIR);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (int i = 0; i < 100; i++) {
                LOG.infof("filling a file that no longer has a directory, line %d", i);
            }
            given().get("/q/health/ready").then().statusCode(503)
                    .body(CHECK + ".status", is("DOWN"))
                    .body(CHECK + ".data.reason", containsString("sink errors"));
        });

        Files.createDirectories(DIR);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            LOG.info("the directory is back");
            given().get("/q/health/ready").then().statusCode(200).body(CHECK + ".status", is("UP"));
        });
    }
}
