package dev.tideflow.config.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Reads {@code X-Request-Id} before the resource runs and echoes the id the request ran under. */
public class RequestIdFilter {

    private final RequestId requestId;

    public RequestIdFilter(RequestId requestId) {
        this.requestId = requestId;
    }

    // Before authentication, so that a 401 or 403 also carries the id.
    @ServerRequestFilter(preMatching = true)
    public void read(ContainerRequestContext request) {
        requestId.accept(request.getHeaderString(RequestId.HEADER));
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        response.getHeaders().putSingle(RequestId.HEADER, requestId.get());
    }
}
