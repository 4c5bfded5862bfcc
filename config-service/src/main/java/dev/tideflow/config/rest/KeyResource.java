package dev.tideflow.config.rest;

import dev.tideflow.config.service.Caller;
import dev.tideflow.config.service.KeyRotationService;
import dev.tideflow.kit.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The key-encryption key versions behind secret settings. Key material is generated inside the service, stored
 * sealed by the master key, and never accepted from or shown to a caller. Admins only.
 */
@Path("/api/config/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class KeyResource {

    private final KeyRotationService keys;
    private final JsonWebToken caller;
    private final RequestId requestId;

    public KeyResource(KeyRotationService keys, JsonWebToken caller, RequestId requestId) {
        this.keys = keys;
        this.caller = caller;
        this.requestId = requestId;
    }

    @GET
    public Uni<KeysView> list() {
        return keys.list().map(KeysView::of);
    }

    /** Activates a new version; the rewrap job then moves every secret to it (watch {@code pendingRewrap}). */
    @POST
    @Path("rotate")
    public Uni<KeysView> rotate() {
        return keys.rotate(caller()).map(KeysView::of);
    }

    /** Destroys an old version's material; 409 while it is active or still protects a secret. */
    @POST
    @Path("{version}/retire")
    public Uni<KeysView> retire(@PathParam("version") int version) {
        return keys.retire(version, caller()).map(KeysView::of);
    }

    private Caller caller() {
        return new Caller(caller.getSubject() != null ? caller.getSubject() : caller.getName(), true,
                requestId.get());
    }
}
