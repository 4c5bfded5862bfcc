package dev.tideflow.policy.service;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.infra.testing.LocalInfraTestResource;
import dev.tideflow.policy.forecast.HistoryBucket;
import dev.tideflow.policy.messaging.HistorySeeding;
import dev.tideflow.policy.repository.MetricHistoryRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
class ForecastServiceTest {

    @Inject
    ForecastService forecasts;

    @Inject
    MetricHistoryRepository history;

    @Test
    void pruningKeepsTheLongestHistoryWindowAnyPolicyReads() throws Throwable {
        String target = "prune/app-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Instant current = HistorySeeding.bucketOf(now);
        // No test policy reads more than the default 14 days: 13 days stays, 20 and 40 go.
        for (int days : new int[] {40, 20, 13}) {
            Instant start = current.minus(Duration.ofDays(days));
            MetricWindow window = new MetricWindow(Contract.VERSION, target, "rps", start, start.plusSeconds(10), 1L,
                    5.0, 5.0, 5.0, 5.0);
            VertxContextSupport.subscribeAndAwait(() -> forecasts.record(window));
        }

        VertxContextSupport.subscribeAndAwait(() -> forecasts.prune(now));

        List<Instant> kept = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> history.since(target, "rps", Instant.EPOCH)))
                .stream().map(HistoryBucket::start).toList();
        assertEquals(List.of(current.minus(Duration.ofDays(13))), kept);
    }
}
