package dev.tideflow.config.rest;

import dev.tideflow.config.domain.SettingRules;
import dev.tideflow.config.service.AuditService;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Violations;
import dev.tideflow.kit.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit log of changes, secret reads and key operations, with filters. Admins only. */
@Path("/api/config/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    /**
     * @param scope a scope path: {@code global}, {@code service/executor}, …
     * @param after an entry id (read on after it, as {@code next} of the previous page) or an ISO-8601 instant
     */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Uni<AuditPageView> search(@QueryParam("scope") String scope, @QueryParam("key") String key,
            @QueryParam("actor") String actor, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        Violations check = new Violations();
        ConfigScope scopeFilter = scope == null || scope.isBlank() ? null : scope(scope, check);
        if (key != null) {
            SettingRules.key(key, check);
        }
        long afterId = 0;
        Instant afterTime = null;
        if (after != null && !after.isBlank()) {
            String text = after.strip();
            if (text.chars().allMatch(Character::isDigit)) {
                try {
                    afterId = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    check.add("'after' is too large, got '" + text + "'");
                }
            } else {
                try {
                    afterTime = Instant.parse(text);
                } catch (DateTimeParseException e) {
                    check.add("'after' must be an entry id or an ISO-8601 instant, got '" + text + "'");
                }
            }
        }
        int pageSize = ConfigResource.DEFAULT_PAGE;
        if (limit != null && !limit.isBlank()) {
            try {
                pageSize = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1 || pageSize > ConfigResource.MAX_PAGE) {
                check.add("'limit' must be a whole number from 1 to " + ConfigResource.MAX_PAGE + ", got '" + limit
                        + "'");
            }
        }
        check.throwIfAny();
        int size = pageSize;
        long requested = afterId;
        // One more than asked tells whether another page follows.
        return audit.search(scopeFilter, key, actor, afterId, afterTime, size + 1).map(found -> {
            List<AuditEntryView> page = found.stream().limit(size).map(AuditEntryView::of).toList();
            long next = page.isEmpty() ? requested : page.get(page.size() - 1).id();
            return new AuditPageView(page, next, found.size() > size);
        });
    }

    private static ConfigScope scope(String path, Violations check) {
        int slash = path.indexOf('/');
        return slash < 0 ? SettingRules.scope(path, null, check)
                : SettingRules.scope(path.substring(0, slash), path.substring(slash + 1), check);
    }
}
