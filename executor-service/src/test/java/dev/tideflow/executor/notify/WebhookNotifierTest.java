package dev.tideflow.executor.notify;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
    void nothingIsQueuedWhileTheWebhookIsOff() {
        WebhookNotifier notifier = notifier("", 2);

        assertFalse(notifier.offer("a", "{}"));
        assertEquals(0, notifier.queued());
        assertEquals(List.of(), outcomes, "off is not a drop");
    }
}
