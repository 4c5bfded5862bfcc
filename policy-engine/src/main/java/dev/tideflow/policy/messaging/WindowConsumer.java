package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ContractViolationException;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.config.PolicyEngineConfig;
import dev.tideflow.policy.service.WindowEvaluationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Evaluates each closed window. The record is acknowledged only after its decisions are logged and
 * published; a malformed record is rejected and goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class WindowConsumer {

    private final WindowEvaluationService evaluations;
    private final PolicyEngineConfig config;

    public WindowConsumer(WindowEvaluationService evaluations, PolicyEngineConfig config) {
        this.evaluations = evaluations;
        this.config = config;
    }

    @Incoming(Channels.WINDOWS_IN)
    public Uni<Void> consume(String json) {
        PolicyEngineConfig.Windows retry = config.windows();
        return Uni.createFrom().item(() -> ContractCodec.decode(json, MetricWindow.class))
                .chain(window -> Uni.createFrom().deferred(() -> evaluations.process(window))
                        // Processing again is idempotent: a decision logged before a failed send is republished.
                        .onFailure(e -> !(e instanceof ContractViolationException)).retry()
                        .withBackOff(retry.retryInitialBackoff(), retry.retryMaxBackoff())
                        .atMost(retry.retries()));
    }
}
