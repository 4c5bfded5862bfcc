package dev.tideflow.config.rest;

import dev.tideflow.config.domain.AuditEntry;
import dev.tideflow.config.domain.ChangeItem;
import dev.tideflow.config.domain.ChangeSetRules;
import dev.tideflow.config.service.ChangeSetService;
import dev.tideflow.contracts.Violations;
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
 * Several settings, in any scopes, written as one: all or nothing, under one revision. A 400 lists every problem
 * of the set by entry ({@code changes[2] …}); {@code expectedRevision} makes the whole set conditional on the
 * global revision (412 when the configuration has moved on).
 */
@Path("/api/config/changesets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ChangeSetResource {

    private final ChangeSetService changeSets;
    private final CallerSource caller;

    public ChangeSetResource(ChangeSetService changeSets, CallerSource caller) {
        this.changeSets = changeSets;
        this.caller = caller;
    }

    @POST
    public Uni<ChangeSetView> apply(ChangeSetRequest body) {
        Violations check = new Violations();
        List<ChangeItem> items = ChangeSetRules.items(body == null ? null : body.changes(), check);
        if (!check.isEmpty()) {
            throw ProblemException.invalid("the change-set is invalid; nothing was changed", check.list());
        }
        return changeSets.apply(items, body.expectedRevision(), caller.get(),
                new ChangeSetService.Summary(AuditEntry.CHANGE_SET, "change-set"))
                .map(ChangeSetView::of);
    }
}
