package dev.tideflow.executor.service;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.Executor;

/**
 * Runs continuations back on the Vert.x context a pipeline started on. Hibernate Reactive only works on
 * that context, while driver calls finish on worker threads and Kafka acknowledgements on the producer's.
 */
final class ContextExecutor {

    private ContextExecutor() {
    }

    static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("not on a Vert.x context");
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
