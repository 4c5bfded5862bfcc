package dev.tideflow.policy.rest;

import dev.tideflow.kit.Roles;
import dev.tideflow.policy.domain.SimulationRequest;
import dev.tideflow.policy.hpa.AutoscalerDecision;
import dev.tideflow.policy.service.AutoscalingSimulator;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/**
 * Answers what the HPA algorithm would do with given inputs; computes only, changes nothing. The computation
 * takes microseconds, so it runs on the I/O thread.
 */
@Path("/api/autoscaling/simulate")
@Produces(MediaType.APPLICATION_JSON)
public class SimulationResource {

    private final AutoscalingSimulator simulator = new AutoscalingSimulator();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @NonBlocking
    public SimulationResponse simulate(SimulationRequest request) {
        AutoscalerDecision decision = simulator.simulate(request, Instant.now());
        return SimulationResponse.of(request.currentReplicas(), decision);
    }
}
