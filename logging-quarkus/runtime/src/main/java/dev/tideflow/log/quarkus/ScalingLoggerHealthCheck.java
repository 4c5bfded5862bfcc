package dev.tideflow.log.quarkus;

import dev.tideflow.log.LogStats;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code tideflow-log}: DOWN while the log sink is wedged (records pending, nothing written for
 * {@code tideflow.log.health.stall-timeout}) or failing ({@code max-errors} errors within {@code error-window}),
 * UP otherwise; the logger's stats are in its data. Registered only when the application has smallrye-health.
 */
@Readiness
@Singleton
public class ScalingLoggerHealthCheck implements HealthCheck {

    static final String NAME = "tideflow-log";

    private final InstalledLogger installed;

    public ScalingLoggerHealthCheck(InstalledLogger installed) {
        this.installed = installed;
    }

    @Override
    public HealthCheckResponse call() {
        LogStats stats = installed.logger().stats();
        SinkHealthMonitor.Assessment verdict = installed.health().assess(stats);
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).status(verdict.healthy())
                .withData("mode", stats.mode().name())
                .withData("writes", stats.writes())
                .withData("drops", stats.drops())
                .withData("ringFillPercent", Math.round(stats.ringFill() * 100))
                .withData("bytesWritten", stats.bytesWritten())
                .withData("rotations", stats.rotations())
                .withData("switches", stats.switches())
                .withData("sinkErrors", stats.sinkErrors())
                .withData("encodeErrors", stats.encodeErrors())
                .withData("reportedErrors", installed.health().totalErrors());
        installed.fileSinkStats().ifPresent(fs -> b
                .withData("lostBytes", fs.lostBytes())
                .withData("writeRetries", fs.writeRetries())
                .withData("archiveFailures", fs.archiveFailures()));
        if (verdict.reason() != null) {
            b.withData("reason", verdict.reason());
        }
        String lastError = installed.health().lastError();
        if (lastError != null) {
            b.withData("lastError", lastError);
        }
        return b.build();
    }
}
