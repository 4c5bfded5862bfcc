package dev.tideflow.collector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tideflow.collector.config.CollectorConfig;
import dev.tideflow.collector.service.CollectorMetrics;
import dev.tideflow.collector.service.CollectorMetrics.RejectReason;
import dev.tideflow.collector.service.MetricBatchValidator;
import dev.tideflow.collector.service.SampleIntakeService;
import dev.tideflow.contracts.MetricSample;
import dev.tideflow.kit.Roles;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.log.Level;
import dev.tideflow.log.ScalingLogger;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@Path("/api/metrics")
public class MetricsResource {

    private final SampleIntakeService intake;
    private final CollectorMetrics metrics;
    private final MetricBatchValidator validator;
    private final ScalingLogger events;

    MetricsResource(SampleIntakeService intake, CollectorMetrics metrics, CollectorConfig config,
            ScalingLogger events) {
        this.intake = intake;
        this.events = events;
        this.metrics = metrics;
        this.validator = new MetricBatchValidator(config.maxBatchSize());
    }

    /**
     * Accepts a batch of samples, all or none; 202 once every sample is on {@code tideflow.metrics}.
     * Windows are published when they close, not in this response.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Uni<Response> ingest(@RequestBody(content = @Content(schema = @Schema(
            description = "{\"samples\": [{target, metric, value, timestamp?, instance?, v?}, ...]} or a bare"
                    + " array of samples"))) JsonNode body) {
        List<MetricSample> samples;
        try {
            samples = validator.validate(body, Instant.now());
        } catch (ProblemException e) {
            int count = MetricBatchValidator.sampleCount(body);
            metrics.rejected(CollectorMetrics.SOURCE_REST, RejectReason.INVALID, count);
            events.at(Level.WARN, "collector.ingest").str("source", CollectorMetrics.SOURCE_REST)
                    .num("samples", count).str("reason", e.getMessage()).log("batch rejected");
            throw e;
        }
        return intake.submit(samples)
                .map(accepted -> Response.accepted(Map.of("accepted", accepted)).build());
    }
}
