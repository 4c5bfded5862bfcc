package dev.tideflow.config.rest;

import dev.tideflow.config.service.Caller;
import dev.tideflow.kit.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The current request's {@link Caller}: JWT subject, admin or not, the service of a service token, request id. */
@RequestScoped
public class CallerSource {

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final RequestId requestId;

    public CallerSource(JsonWebToken token, SecurityIdentity identity, RequestId requestId) {
        this.token = token;
        this.identity = identity;
        this.requestId = requestId;
    }

    public Caller get() {
        return of(token, identity, requestId);
    }

    static Caller of(JsonWebToken token, SecurityIdentity identity, RequestId requestId) {
        String actor = token.getSubject() != null ? token.getSubject() : token.getName();
        // Both the role and the subject are required: a person's token with a "service:" subject reads nothing more.
        String service = identity.hasRole(Roles.SERVICE) ? Roles.serviceOf(actor).orElse(null) : null;
        return new Caller(actor, identity.hasRole(Roles.ADMIN), service, requestId.get());
    }
}
