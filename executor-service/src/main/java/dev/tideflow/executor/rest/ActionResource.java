package dev.tideflow.executor.rest;

import dev.tideflow.executor.repository.ScalingActionRepository;
import dev.tideflow.kit.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** The audit of what the executor did with each decision. */
@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
public class ActionResource {

    private final ScalingActionRepository actions;

    ActionResource(ScalingActionRepository actions) {
        this.actions = actions;
    }

    /** Newest first; {@code target} ({@code namespace/name}) narrows to one target. */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<List<ActionView>> list(@RestQuery String target,
            @RestQuery @DefaultValue("50") @Min(1) @Max(500) int limit) {
        String only = target == null || target.isBlank() ? null : TargetResource.parse(target).toString();
        return actions.newest(only, limit).map(all -> all.stream().map(ActionView::of).toList());
    }
}
