package dev.tideflow.executor.notify;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookNotifierTest {

    private final List<WebhookNotifier.Outcome> outcomes = new CopyOnWriteArrayList<>();

    private WebhookNotifier notifier(String url, int capacity) {
        return new WebhookNotifier(() -> url, () -> "key", capacity, 1, Duration.ofMillis(1), Duration.ofSeconds(1),
                outcomes::add, Clock.systemUTC());
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() {
        // Not started: nothing drains the queue.
        WebhookNotifier notifier = notifier("http://127.0.0.1:9/hook", 2);

        assertTrue(notifier.offer("a", "{}"));
        assertTrue(notifier.offer("b", "{}"));
        assertFalse(notifier.offer("c", "{}"));

        assertEquals(List.of(WebhookNotifier.Outcome.DROPPED), outcomes);
        assertEquals(2, notifier.queued());
    }

    @Test
    void aRetriedDeliveryKeepsItsPlaceAndARefusedOneIsNotRetried() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String id = exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER);
            received.add(id);
            // "a" fails twice with 503 (retried), "b" is refused with 400 (not retried), "c" goes through.
            int status = id.equals("a") && calls.incrementAndGet() <= 2 ? 503 : id.equals("b") ? 400 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        WebhookNotifier notifier = new WebhookNotifier(
                () -> "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", () -> "key", 10, 5,
                Duration.ofMillis(20), Duration.ofSeconds(5), outcomes::add, Clock.systemUTC());
        try {
            notifier.offer("a", "{}");
            notifier.offer("b", "{}");
            notifier.offer("c", "{}");
            notifier.start();
            await().atMost(10, TimeUnit.SECONDS).until(() -> outcomes.size() == 3);
        } finally {
            notifier.close();
            server.stop(0);
        }

        assertEquals(List.of("a", "a", "a", "b", "c"), received, "in order, a retried before b starts");
        assertEquals(List.of(WebhookNotifier.Outcome.DELIVERED, WebhookNotifier.Outcome.FAILED,
                WebhookNotifier.Outcome.DELIVERED), outcomes);
    }

    @Test
    void nothingIsQueuedWhileTheWebhookIsOff() {
        WebhookNotifier notifier = notifier("", 2);

        assertFalse(notifier.offer("a", "{}"));
        assertEquals(0, notifier.queued());
        assertEquals(List.of(), outcomes, "off is not a drop");
    }
}
