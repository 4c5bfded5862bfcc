package dev.tideflow.config.rest;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Marks every API answer {@code Cache-Control: no-store}: an admin's reads carry decrypted secrets, and no
 * answer here is worth a stale copy in a shared cache.
 */
public class NoStoreFilter {

    @ServerResponseFilter
    public void noStore(ContainerResponseContext response) {
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }
}
