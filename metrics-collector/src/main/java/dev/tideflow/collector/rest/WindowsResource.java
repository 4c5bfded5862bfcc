package dev.tideflow.collector.rest;

import dev.tideflow.collector.config.CollectorConfig;
import dev.tideflow.collector.service.MetricWindowService;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.kit.Roles;
import dev.tideflow.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

@Path("/api/windows")
public class WindowsResource {

    private final MetricWindowService windows;
    private final CollectorConfig.Query query;

    WindowsResource(MetricWindowService windows, CollectorConfig config) {
        this.windows = windows;
        this.query = config.query();
    }

    /** The latest published windows, newest first, optionally of one target and metric. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<List<MetricWindow>> latest(@QueryParam("target") String target, @QueryParam("metric") String metric,
            @QueryParam("limit") Integer limit) {
        int rows = limit == null ? query.defaultLimit() : limit;
        if (rows < 1 || rows > query.maxLimit()) {
            throw ProblemException.invalid("'limit' is out of range",
                    List.of("limit: must be between 1 and " + query.maxLimit() + ", got " + rows));
        }
        return windows.latest(blankToNull(target), blankToNull(metric), rows);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
