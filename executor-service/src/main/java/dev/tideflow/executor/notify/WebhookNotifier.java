package dev.tideflow.executor.notify;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Posts notifications to a webhook from one background thread, so the decision path only ever offers to a bounded
 * queue: when the queue is full the notification is dropped, counted and logged. The URL and signing secret are
 * read at each attempt, so a live change applies to what is still queued. A delivery is retried with exponential
 * backoff on a network error, a 5xx, 408 or 429, at most {@code maxAttempts} times; other answers end it.
 */
public final class WebhookNotifier implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);

    /** What became of a notification. */
    public enum Outcome { DELIVERED, FAILED, DROPPED }

    /** Told about every notification's fate, for metrics. */
    public interface Outcomes {
        void record(Outcome outcome);
    }

    /** One notification: its JSON and the delivery id a receiver deduplicates by. */
    record Pending(String deliveryId, String body) {
    }

    private final Supplier<String> url;
    private final Supplier<String> secret;
    private final BlockingQueue<Pending> queue;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration timeout;
    private final Outcomes outcomes;
    private final Clock clock;
    private final HttpClient http;
    private final Thread worker;
    private volatile boolean running = true;

    /**
     * @param url    the webhook URL now; blank when notifications are off
     * @param secret the signing secret now; blank while it is not known (nothing is sent unsigned)
     */
    public WebhookNotifier(Supplier<String> url, Supplier<String> secret, int capacity, int maxAttempts,
            Duration firstBackoff, Duration timeout, Outcomes outcomes, Clock clock) {
        this.url = url;
        this.secret = secret;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.timeout = timeout;
        this.outcomes = outcomes;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.worker = new Thread(this::run, "tideflow-webhook");
        this.worker.setDaemon(true);
    }

    public void start() {
        worker.start();
    }

    /** Never blocks: returns false (and counts a drop) when notifications are off or the queue is full. */
    public boolean offer(String deliveryId, String body) {
        if (url.get().isBlank()) {
            return false;
        }
        if (!queue.offer(new Pending(deliveryId, body))) {
            outcomes.record(Outcome.DROPPED);
            LOG.warnf("webhook queue full (%d waiting): notification %s dropped", queue.size(), deliveryId);
            return false;
        }
        return true;
    }

    /** Notifications waiting to be sent. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        while (running) {
            Pending next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                outcomes.record(deliver(next));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "notification %s not delivered", next.deliveryId());
                outcomes.record(Outcome.FAILED);
            }
        }
    }

    private Outcome deliver(Pending pending) throws InterruptedException {
        String problem = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(firstBackoff.toMillis() << (attempt - 2));
            }
            String target = url.get();
            if (target.isBlank()) {
                LOG.infof("notification %s not sent: the webhook was turned off", pending.deliveryId());
                return Outcome.DROPPED;
            }
            String key = secret.get();
            if (key.isBlank()) {
                problem = "no signing secret yet";
                continue;
            }
            long now = clock.instant().getEpochSecond();
            HttpRequest request;
            try {
                request = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(key, now, pending.body()))
                        .header(WebhookSignature.DELIVERY_HEADER, pending.deliveryId())
                        .POST(HttpRequest.BodyPublishers.ofString(pending.body())).build();
            } catch (IllegalArgumentException e) {
                problem = "invalid URL: " + e.getMessage();
                break;
            }
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                problem = e.toString();
                continue;
            }
            if (status >= 200 && status < 300) {
                return Outcome.DELIVERED;
            }
            problem = "HTTP " + status;
            if (status < 500 && status != 408 && status != 429) {
                break;
            }
        }
        LOG.warnf("notification %s not delivered to the webhook: %s", pending.deliveryId(), problem);
        return Outcome.FAILED;
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
    }
}
