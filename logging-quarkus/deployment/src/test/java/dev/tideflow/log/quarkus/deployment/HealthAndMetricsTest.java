package dev.tideflow.log.quarkus.deployment;

import dev.tideflow.log.ScalingLogger;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthAndMetricsTest {

    private static final Path DIR = Path.of("target", "tideflow-log-tests", "health-metrics");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(LogFiles.class))
            .setBeforeAllCustomizer(() -> LogFiles.deleteRecursively(DIR))
            .overrideConfigKey("tideflow.log.directory", DIR.toString())
            // Unquoted multi-segment key in the pass-through map: the core rejects it unless it arrives whole.
            .overrideConfigKey("tideflow.log.core.scale.cooldown", "2s")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    MeterRegistry registry;

    @Inject
    ScalingLogger scalingLogger;

    @Test
    void readinessIncludesAnUpTideflowLogCheckWithStats() {
        Logger.getLogger("dev.tideflow.test.health").info("something to count");

        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("tideflow-log"))
                .body("checks.find { it.name == 'tideflow-log' }.status", org.hamcrest.Matchers.is("UP"))
                .body("checks.find { it.name == 'tideflow-log' }.data.mode", org.hamcrest.Matchers.notNullValue())
                .body("checks.find { it.name == 'tideflow-log' }.data.writes", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void statsAreRegisteredAsMeters() {
        for (String name : List.of("tideflow.log.mode", "tideflow.log.active.writers", "tideflow.log.ring.fill")) {
            assertNotNull(registry.find(name).gauge(), name);
        }
        for (String name : List.of("tideflow.log.writes", "tideflow.log.drops", "tideflow.log.contention.events",
                "tideflow.log.rotations", "tideflow.log.bytes.written", "tideflow.log.sink.errors")) {
            assertNotNull(registry.find(name).functionCounter(), name);
        }
        assertEquals(2, registry.find("tideflow.log.switches").functionCounters().size());

        scalingLogger.log(dev.tideflow.log.Level.INFO, "metrics", "counted");
        double writes = registry.find("tideflow.log.writes").functionCounter().count();
        assertTrue(writes >= 1, "writes " + writes);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tideflow_log_writes_total"))
                .body(containsString("tideflow_log_switches_total{direction=\"to_mpsc\"}"))
                .body(containsString("tideflow_log_mode "));
    }
}
