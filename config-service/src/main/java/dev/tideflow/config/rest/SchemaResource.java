package dev.tideflow.config.rest;

import dev.tideflow.config.service.SchemaService;
import dev.tideflow.kit.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * JSON Schemas (draft 2020-12 or 7) for the values of keys starting with a prefix. The body of a PUT is the
 * schema itself. A schema that existing values break is refused with 409, each of them listed.
 */
@Path("/api/config/schemas")
@Produces(MediaType.APPLICATION_JSON)
public class SchemaResource {

    private final SchemaService schemas;
    private final CallerSource caller;

    public SchemaResource(SchemaService schemas, CallerSource caller) {
        this.schemas = schemas;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<List<SchemaView>> list() {
        return schemas.list().map(found -> found.stream().map(SchemaView::of).toList());
    }

    @GET
    @Path("{prefix}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<SchemaView> get(@PathParam("prefix") String prefix) {
        return schemas.find(prefix).map(SchemaView::of);
    }

    @PUT
    @Path("{prefix}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<SchemaView> put(@PathParam("prefix") String prefix, String schema) {
        return schemas.put(prefix, schema, caller.get()).map(SchemaView::of);
    }

    @DELETE
    @Path("{prefix}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<RestResponse<Void>> delete(@PathParam("prefix") String prefix) {
        return schemas.delete(prefix, caller.get()).map(ignored -> RestResponse.noContent());
    }
}
