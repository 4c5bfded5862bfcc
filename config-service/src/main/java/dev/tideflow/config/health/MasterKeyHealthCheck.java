package dev.tideflow.config.health;

import dev.tideflow.config.service.KeyRingService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while secrets cannot be served: no master key, an unreadable or malformed one, or one that does not
 * unseal the stored key versions. The reason is in the check's data; the key itself never is.
 */
@Readiness
@ApplicationScoped
public class MasterKeyHealthCheck implements AsyncHealthCheck {

    static final String NAME = "master key";

    private final KeyRingService keys;

    public MasterKeyHealthCheck(KeyRingService keys) {
        this.keys = keys;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Panache.withSession(keys::problem).map(problem -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
            return problem.map(reason -> response.down().withData("reason", reason))
                    .orElseGet(response::up).build();
        });
    }
}
