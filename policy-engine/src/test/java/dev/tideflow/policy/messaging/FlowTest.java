package dev.tideflow.policy.messaging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/**
 * What every flow test of the engine shares: a Kafka connection to the local broker for each test, closed after it,
 * and how long to wait for the engine's answer.
 */
abstract class FlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    FlowTestSupport kafka;

    @BeforeEach
    void connect() {
        kafka = new FlowTestSupport();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }
}
