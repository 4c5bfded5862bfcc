package dev.tideflow.executor.messaging;

import dev.tideflow.contracts.Channels;
import dev.tideflow.contracts.ContractCodec;
import dev.tideflow.contracts.ContractViolationException;
import dev.tideflow.contracts.ScalingDecision;
import dev.tideflow.executor.service.DecisionExecutor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies decisions one at a time, in the order their partition delivers them. A record is acknowledged
 * once its outcome is stored and published; a malformed one is rejected and lands in the dead letters.
 */
@ApplicationScoped
public class DecisionConsumer {

    private static final Logger LOG = Logger.getLogger(DecisionConsumer.class);

    private final DecisionExecutor executor;

    DecisionConsumer(DecisionExecutor executor) {
        this.executor = executor;
    }

    @Incoming(Channels.DECISIONS_IN)
    public Uni<Void> consume(String payload) {
        ScalingDecision decision;
        try {
            decision = ContractCodec.decode(payload, ScalingDecision.class);
        } catch (ContractViolationException e) {
            LOG.warnf("rejected a malformed decision (dead-lettered): %s", e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return executor.apply(decision);
    }
}
