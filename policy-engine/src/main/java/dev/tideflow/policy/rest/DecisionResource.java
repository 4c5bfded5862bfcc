package dev.tideflow.policy.rest;

import dev.tideflow.kit.Roles;
import dev.tideflow.kit.rest.ProblemException;
import dev.tideflow.policy.config.PolicyEngineConfig;
import dev.tideflow.policy.service.DecisionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** The decision log, newest first; a single decision with its whole explanation. */
@Path("/api/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionService decisions;
    private final PolicyEngineConfig config;

    public DecisionResource(DecisionService decisions, PolicyEngineConfig config) {
        this.decisions = decisions;
        this.config = config;
    }

    /** @param target "namespace/name"; all targets when absent */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<List<DecisionView>> list(@QueryParam("target") String target,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        int max = config.decisions().maxLimit();
        if (limit < 1 || limit > max) {
            throw ProblemException.invalid("invalid query",
                    List.of("'limit' must be between 1 and " + max + ", got " + limit));
        }
        return decisions.newest(target, limit).map(all -> all.stream().map(DecisionView::summary).toList());
    }

    @GET
    @Path("{decisionId}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<DecisionView> get(@PathParam("decisionId") UUID decisionId) {
        return decisions.get(decisionId).map(DecisionView::detailed);
    }
}
