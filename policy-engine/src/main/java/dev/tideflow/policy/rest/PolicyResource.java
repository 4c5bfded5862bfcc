package dev.tideflow.policy.rest;

import dev.tideflow.kit.Roles;
import dev.tideflow.policy.domain.PlatformPolicy;
import dev.tideflow.policy.domain.PolicySpec;
import dev.tideflow.policy.service.PolicyImportService;
import dev.tideflow.policy.service.PolicyService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.UUID;

@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyService policies;
    private final PolicyImportService imports;

    public PolicyResource(PolicyService policies, PolicyImportService imports) {
        this.policies = policies;
        this.imports = imports;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<List<PolicyResponse>> list(@QueryParam("target") String target) {
        return policies.list(target).map(all -> all.stream().map(PolicyResponse::of).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<PolicyResponse> get(@PathParam("id") UUID id) {
        return policies.get(id).map(PolicyResponse::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> create(PolicySpec spec, @Context UriInfo uri) {
        return policies.create(spec).map(created -> Response
                .created(uri.getAbsolutePathBuilder().path(created.id.toString()).build())
                .entity(PolicyResponse.of(created))
                .build());
    }

    /** The platform team's {@code policies.json} array, imported all or nothing; see {@link PlatformPolicy}. */
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<List<PolicyImportService.Imported>> importPolicies(List<PlatformPolicy> file) {
        return imports.importAll(file);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<PolicyResponse> replace(@PathParam("id") UUID id, PolicySpec spec) {
        return policies.replace(id, spec).map(PolicyResponse::of);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return policies.delete(id).map(done -> Response.noContent().build());
    }

    @POST
    @Path("{id}/enable")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Uni<PolicyResponse> enable(@PathParam("id") UUID id) {
        return policies.setEnabled(id, true).map(PolicyResponse::of);
    }

    @POST
    @Path("{id}/disable")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public Uni<PolicyResponse> disable(@PathParam("id") UUID id) {
        return policies.setEnabled(id, false).map(PolicyResponse::of);
    }
}
