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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Posts notifications to a webhook from one background thread, so the decision path only ever offers to a bounded
 * queue: when the queue is full the notification is dropped, counted and logged. The URL and signing secret are
 * read at each attempt, so a live change applies to what is still queued. A delivery is retried with exponential
 * backoff on a network error, a 5xx, 408 or 429, at most {@code maxAttempts} times; other answers end it.
 *
 * <p>Notifications go out one at a time, in order. A retry is scheduled on the worker rather than slept, and the
 * next notification starts only when the one in flight has ended; everything below runs on the worker thread.
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
    private final ScheduledExecutorService worker;
    private volatile boolean started;
    /** Worker thread only: a notification is being attempted or waits for its retry. */
    private boolean inFlight;

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
        this.worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tideflow-webhook");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        started = true;
        pump();
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
        pump();
        return true;
    }

    private void pump() {
        if (!started) {
            return;
        }
        try {
            worker.execute(this::next);
        } catch (RejectedExecutionException closed) {
            // Closed: what is still queued is not sent.
        }
    }

    /** Notifications waiting to be sent. */
    public int queued() {
        return queue.size();
    }

    /** Starts the oldest queued notification unless one is in flight. */
    private void next() {
        if (inFlight) {
            return;
        }
        Pending pending = queue.poll();
        if (pending != null) {
            inFlight = true;
            attempt(pending, 1, null);
        }
    }

    private void attempt(Pending pending, int attempt, String lastProblem) {
        Outcome outcome;
        String problem = lastProblem;
        try {
            Attempt result = send(pending);
            if (result.outcome() != null) {
                outcome = result.outcome();
            } else if (result.retry() && attempt < maxAttempts) {
                worker.schedule(() -> attempt(pending, attempt + 1, result.problem()),
                        firstBackoff.toMillis() << (attempt - 1), TimeUnit.MILLISECONDS);
                return;
            } else {
                problem = result.problem();
                outcome = Outcome.FAILED;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "notification %s not delivered", pending.deliveryId());
            outcome = Outcome.FAILED;
            problem = null;
        }
        if (outcome == Outcome.FAILED && problem != null) {
            LOG.warnf("notification %s not delivered to the webhook: %s", pending.deliveryId(), problem);
        }
        outcomes.record(outcome);
        inFlight = false;
        next();
    }

    /** One attempt's result: an outcome that ends the delivery, or a problem that may be retried. */
    private record Attempt(Outcome outcome, String problem, boolean retry) {

        static Attempt done(Outcome outcome) {
            return new Attempt(outcome, null, false);
        }

        static Attempt failed(String problem, boolean retry) {
            return new Attempt(null, problem, retry);
        }
    }

    private Attempt send(Pending pending) {
        String target = url.get();
        if (target.isBlank()) {
            LOG.infof("notification %s not sent: the webhook was turned off", pending.deliveryId());
            return Attempt.done(Outcome.DROPPED);
        }
        String key = secret.get();
        if (key.isBlank()) {
            return Attempt.failed("no signing secret yet", true);
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
            return Attempt.failed("invalid URL: " + e.getMessage(), false);
        }
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return Attempt.failed(e.toString(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("interrupted", false);
        }
        if (status >= 200 && status < 300) {
            return Attempt.done(Outcome.DELIVERED);
        }
        return Attempt.failed("HTTP " + status, status >= 500 || status == 408 || status == 429);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
