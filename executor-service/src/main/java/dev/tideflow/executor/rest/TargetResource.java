package dev.tideflow.executor.rest;

import dev.tideflow.executor.domain.TargetId;
import dev.tideflow.executor.service.TargetService;
import dev.tideflow.kit.Roles;
import dev.tideflow.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;

@Path("/api/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    private final TargetService service;

    TargetResource(TargetService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<List<TargetView>> list() {
        return service.list().map(all -> all.stream().map(TargetView::of).toList());
    }

    @GET
    @Path("{namespace}/{name}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<TargetView> get(@RestPath String namespace, @RestPath String name) {
        return service.get(idOf(namespace, name)).map(TargetView::of);
    }

    /** Registers the target, or replaces its registration: 201 when new, 200 when replaced. */
    @PUT
    @Path("{namespace}/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> register(@RestPath String namespace, @RestPath String name,
            @Valid @NotNull TargetRequest body, UriInfo uri) {
        return service.register(idOf(namespace, name), body.driver(), body.command(), body.workingDirectory())
                .map(registered -> (registered.created()
                        ? Response.created(uri.getRequestUri())
                        : Response.ok())
                        .entity(TargetView.of(registered.registration()))
                        .build());
    }

    @DELETE
    @Path("{namespace}/{name}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Void> delete(@RestPath String namespace, @RestPath String name) {
        return service.delete(idOf(namespace, name));
    }

    @GET
    @Path("{namespace}/{name}/replicas")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<ReplicaCountView> replicas(@RestPath String namespace, @RestPath String name) {
        return service.replicas(idOf(namespace, name)).map(ReplicaCountView::of);
    }

    static TargetId idOf(String namespace, String name) {
        return parse(namespace + "/" + name);
    }

    /** {@code id} as a target id, or a 400 problem naming what is wrong with it. */
    static TargetId parse(String id) {
        List<String> violations = TargetId.violations(id);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("'" + id + "' is not a valid target id", violations);
        }
        return TargetId.parse(id);
    }
}
