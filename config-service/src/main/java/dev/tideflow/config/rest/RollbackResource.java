package dev.tideflow.config.rest;

import dev.tideflow.config.service.ChangeSetService;
import dev.tideflow.kit.Roles;
import dev.tideflow.kit.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Sets every setting back to its value at an earlier revision, as a new revision (a change-set): history only
 * grows. Settings created since are deleted, settings deleted since come back; secrets are re-encrypted under the
 * active key. Nothing to change answers the current revision with no changes.
 */
@Path("/api/config/rollback")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RollbackResource {

    private final ChangeSetService changeSets;
    private final CallerSource caller;

    public RollbackResource(ChangeSetService changeSets, CallerSource caller) {
        this.changeSets = changeSets;
        this.caller = caller;
    }

    @POST
    public Uni<ChangeSetView> rollback(RollbackRequest body) {
        // Revision 0 would be "no settings at all": deleting everything is not what a rollback is for.
        if (body == null || body.revision() == null || body.revision() < 1) {
            throw ProblemException.invalid("nothing to roll back to",
                    List.of("'revision' is required and must be at least 1"));
        }
        return changeSets.rollback(body.revision(), caller.get()).map(ChangeSetView::of);
    }
}
