package dev.tideflow.policy.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tideflow.kit.Roles;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.domain.PolicyState;
import dev.tideflow.policy.service.AutoscalingService;
import dev.tideflow.policy.service.AutoscalingSwitch;
import dev.tideflow.policy.service.DecisionService;
import dev.tideflow.policy.service.ForecastService;
import dev.tideflow.policy.service.ForecastView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The autoscaler at a glance. {@code POST /enable} switches this service's own evaluation; the suite-wide switch
 * is {@code autoscaling.enabled} in config-service, and evaluation runs only while both are on.
 */
@Path("/api/autoscaling")
@Produces(MediaType.APPLICATION_JSON)
public class AutoscalingResource {

    private final AutoscalingService autoscaling;
    private final AutoscalingSwitch autoscalingSwitch;
    private final DecisionService decisions;
    private final ForecastService forecasts;

    public AutoscalingResource(AutoscalingService autoscaling, AutoscalingSwitch autoscalingSwitch,
            DecisionService decisions, ForecastService forecasts) {
        this.forecasts = forecasts;
        this.autoscaling = autoscaling;
        this.autoscalingSwitch = autoscalingSwitch;
        this.decisions = decisions;
    }

    @GET
    @Path("status")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<AutoscalingService.Status> status() {
        return autoscaling.status();
    }

    @POST
    @Path("enable")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Uni<AutoscalingService.Status> enable(EnableRequest request, @Context SecurityContext security) {
        if (request == null || request.enabled() == null) {
            throw ProblemException.invalid("the request is not valid",
                    List.of("'enabled' is required (true or false)"));
        }
        String caller = security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
        return autoscalingSwitch.set(request.enabled(), caller).chain(autoscaling::status);
    }

    /** @param target "namespace/name"; every target when absent */
    @GET
    @Path("recommendations")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<List<RecommendationView>> recommendations(@QueryParam("target") String target) {
        return autoscaling.recommendations(target).map(all -> all.stream().map(RecommendationView::of).toList());
    }

    @GET
    @Path("decisions/{decisionId}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<DecisionView> decision(@PathParam("decisionId") UUID decisionId) {
        return decisions.get(decisionId).map(DecisionView::detailed);
    }

    /** The forecasts of the target {@code namespace/name}: each predictive policy's points, confidence and plan. */
    @GET
    @Path("forecast/{namespace}/{name}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<ForecastView> forecast(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return forecasts.forTarget(namespace + "/" + name, Instant.now());
    }

    public record EnableRequest(Boolean enabled) {
    }

    /**
     * A policy's latest evaluation.
     *
     * @param service     the target, "namespace/name"
     * @param confidence  0–1: the share of the policy's metrics that could be read (a threshold rule: the share of
     *                    its evaluation periods breached so far), halved while the replica count is only assumed
     * @param evaluatedAt the end of the window evaluated
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecommendationView(String service, UUID policyId, Integer currentReplicas,
            Integer recommendedReplicas, String reason, Double confidence, String priority, Instant evaluatedAt) {

        static RecommendationView of(PolicyState state) {
            return new RecommendationView(state.target, state.policyId, state.currentReplicas,
                    state.recommendedReplicas, state.reason, state.confidence, state.priority, state.evaluatedAt);
        }
    }
}
