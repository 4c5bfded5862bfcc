package dev.tideflow.config.rest;

import dev.tideflow.config.domain.ChangeSetRules;
import dev.tideflow.config.domain.IfMatch;
import dev.tideflow.config.domain.SettingRules;
import dev.tideflow.config.service.Caller;
import dev.tideflow.config.service.ChangeSetService;
import dev.tideflow.config.service.ConfigService;
import dev.tideflow.config.service.YamlSettings;
import dev.tideflow.contracts.ConfigScope;
import dev.tideflow.contracts.Violations;
import dev.tideflow.kit.Roles;
import dev.tideflow.kit.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Settings by scope: {@code global}, {@code environment/{name}}, {@code service/{name}}, {@code instance/{name}}.
 * Anyone with a role reads; only admins write. Secret values are masked for everyone but admins and the service
 * tokens of the services they belong to ({@link Caller#mayReveal}); every read of a secret in clear is audited.
 * A single setting carries its revision as {@code ETag}; writes honour {@code If-Match} (412 when the setting has
 * moved on).
 */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
public class ConfigResource {

    static final String YAML = "application/yaml";
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final ConfigService service;
    private final ChangeSetService changeSets;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;
    private final RequestId requestId;

    public ConfigResource(ConfigService service, ChangeSetService changeSets, JsonWebToken caller,
            SecurityIdentity identity, RequestId requestId) {
        this.service = service;
        this.changeSets = changeSets;
        this.caller = caller;
        this.identity = identity;
        this.requestId = requestId;
    }

    @GET
    @Path("global")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    public Uni<ScopeSettingsView> globalSettings() {
        return service.scope(ConfigScope.GLOBAL, caller()).map(ScopeSettingsView::of);
    }

    @GET
    @Path("{type}/{name}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    public Uni<ScopeSettingsView> scopeSettings(@PathParam("type") String type, @PathParam("name") String name) {
        ConfigScope scope = scope(type, name, null, null);
        return service.scope(scope, caller()).map(ScopeSettingsView::of);
    }

    @GET
    @Path("global/{key}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    public Uni<RestResponse<SettingEntryView>> globalSetting(@PathParam("key") String key) {
        return setting(ConfigScope.Type.GLOBAL.segment(), null, key);
    }

    @GET
    @Path("{type}/{name}/{key}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    public Uni<RestResponse<SettingEntryView>> setting(@PathParam("type") String type,
            @PathParam("name") String name, @PathParam("key") String key) {
        ConfigScope scope = scope(type, name, key, null);
        return service.setting(scope, key, caller()).map(found -> found
                .map(setting -> tagged(SettingEntryView.of(setting), setting.revision()))
                .orElseThrow(() -> ConfigService.notFound(scope, key)));
    }

    @PUT
    @Path("global/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<RestResponse<ChangeResultView>> putGlobal(@PathParam("key") String key,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, SettingValueRequest body) {
        return put(ConfigScope.Type.GLOBAL.segment(), null, key, ifMatch, body);
    }

    @PUT
    @Path("{type}/{name}/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<RestResponse<ChangeResultView>> put(@PathParam("type") String type, @PathParam("name") String name,
            @PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            SettingValueRequest body) {
        String value = body == null ? null : body.value();
        Boolean secret = body == null ? null : body.secret();
        ConfigScope scope = scope(type, name, key, check -> SettingRules.value(value, check));
        return service.put(scope, key, value, secret, IfMatch.parse(ifMatch), caller())
                .map(change -> tagged(ChangeResultView.of(change), change.revision()));
    }

    @DELETE
    @Path("global/{key}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ChangeResultView> deleteGlobal(@PathParam("key") String key,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return delete(ConfigScope.Type.GLOBAL.segment(), null, key, ifMatch);
    }

    @DELETE
    @Path("{type}/{name}/{key}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ChangeResultView> delete(@PathParam("type") String type, @PathParam("name") String name,
            @PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ConfigScope scope = scope(type, name, key, null);
        return service.delete(scope, key, IfMatch.parse(ifMatch), caller()).map(ChangeResultView::of);
    }

    /** Restores a deleted setting's last value as a new revision: 404 if it never had one, 409 if it exists. */
    @POST
    @Path("global/{key}/undelete")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ChangeSetView> undeleteGlobal(@PathParam("key") String key) {
        return undelete(ConfigScope.Type.GLOBAL.segment(), null, key);
    }

    @POST
    @Path("{type}/{name}/{key}/undelete")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ChangeSetView> undelete(@PathParam("type") String type, @PathParam("name") String name,
            @PathParam("key") String key) {
        ConfigScope scope = scope(type, name, key, null);
        return changeSets.undelete(scope, key, caller()).map(ChangeSetView::of);
    }

    /**
     * An environment's settings as YAML, dotted keys as nested sections. Secrets are masked unless
     * {@code includeSecrets=true}; every export is audited, and so is each secret it reveals.
     */
    @GET
    @Path("environment/{name}/export")
    @Produces(YAML)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> exportEnvironment(@PathParam("name") String name,
            @QueryParam("includeSecrets") boolean includeSecrets) {
        ConfigScope scope = scope(ConfigScope.Type.ENVIRONMENT.segment(), name, null, null);
        return changeSets.exportScope(scope, includeSecrets, caller()).map(values -> Response
                .ok(YamlSettings.render(values), YAML)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".yaml\"").build());
    }

    /**
     * Applies a YAML document (nested sections, flattened to dotted keys) to an environment as one change-set:
     * schema-checked, all or nothing, every problem listed in one 400. With {@code prune=true}, settings of the
     * environment the document does not name are deleted; by default they are kept.
     */
    @POST
    @Path("environment/{name}/import")
    @Consumes({YAML, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    public Uni<ChangeSetView> importEnvironment(@PathParam("name") String name, @QueryParam("prune") boolean prune,
            String document) {
        Violations check = new Violations();
        ConfigScope scope = SettingRules.scope(ConfigScope.Type.ENVIRONMENT.segment(), name, check);
        List<String> problems = new ArrayList<>();
        Map<String, String> values = YamlSettings.flatten(document, problems);
        problems.forEach(check::add);
        if (values.size() > ChangeSetRules.MAX_CHANGES) {
            check.add("the document sets " + values.size() + " settings, at most " + ChangeSetRules.MAX_CHANGES
                    + " are allowed");
        }
        values.forEach((key, value) -> {
            Violations found = new Violations();
            SettingRules.key(key, found);
            SettingRules.value(value, found);
            found.list().forEach(violation -> check.add("'" + key + "': " + violation));
        });
        if (!check.isEmpty()) {
            throw ProblemException.invalid("the document cannot be imported; nothing was changed", check.list());
        }
        return changeSets.importScope(scope, values, prune, caller()).map(ChangeSetView::of);
    }

    /** The history in revision order, from the first revision after {@code after}. */
    @GET
    @Path("changes")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Uni<ChangePageView> changes(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        Violations check = new Violations();
        long afterRevision = number("after", after, 0, 0, Long.MAX_VALUE, check);
        int pageSize = (int) number("limit", limit, DEFAULT_PAGE, 1, MAX_PAGE, check);
        check.throwIfAny();
        // One more than asked tells whether another page follows.
        return service.changesAfter(afterRevision, pageSize + 1).map(found -> {
            List<ChangeView> page = found.stream().limit(pageSize).map(ChangeView::of).toList();
            long next = page.isEmpty() ? afterRevision : page.get(page.size() - 1).revision();
            return new ChangePageView(page, next, found.size() > pageSize);
        });
    }

    /** The settings a service runs with: global, overridden by its environment, overridden by the service's own. */
    @GET
    @Path("effective")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN, Roles.SERVICE})
    public Uni<EffectiveSettingsView> effective(@QueryParam("service") String service,
            @QueryParam("environment") String environment) {
        Violations check = new Violations();
        List<ConfigScope> scopes = new ArrayList<>();
        scopes.add(ConfigScope.GLOBAL);
        ConfigScope environmentScope = SettingRules.optionalScope(ConfigScope.Type.ENVIRONMENT, environment, check);
        ConfigScope serviceScope = SettingRules.optionalScope(ConfigScope.Type.SERVICE, service, check);
        check.throwIfAny();
        if (environmentScope != null) {
            scopes.add(environmentScope);
        }
        if (serviceScope != null) {
            scopes.add(serviceScope);
        }
        return this.service.effective(scopes, caller()).map(found -> {
            SortedMap<String, EffectiveSettingView> settings = new TreeMap<>();
            found.settings().forEach((key, setting) -> settings.put(key, EffectiveSettingView.of(setting)));
            return new EffectiveSettingsView(service, environment, found.revision(), settings);
        });
    }

    /** Validates the address (and whatever {@code more} checks) at once, so that one 400 lists every reason. */
    private static ConfigScope scope(String type, String name, String key, Consumer<Violations> more) {
        Violations check = new Violations();
        ConfigScope scope = SettingRules.scope(type, name, check);
        if (key != null) {
            SettingRules.key(key, check);
        }
        if (more != null) {
            more.accept(check);
        }
        check.throwIfAny();
        return scope;
    }

    private static long number(String field, String text, long defaultValue, long min, long max, Violations check) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        check.add("'" + field + "' must be a whole number from " + min + " to " + max + ", got '" + text + "'");
        return defaultValue;
    }

    private Caller caller() {
        return CallerSource.of(caller, identity, requestId);
    }

    /** The entity tag of a setting is its revision: send it back in {@code If-Match} to write only over it. */
    private static <T> RestResponse<T> tagged(T entity, long revision) {
        return RestResponse.ResponseBuilder.ok(entity).header(HttpHeaders.ETAG, IfMatch.etag(revision)).build();
    }
}
