package dev.tideflow.executor.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void theSignatureIsTheHmacOfTimestampAndBody() {
        // Computed independently: printf '%s' '1795435200.{"a":1}' | openssl dgst -sha256 -hmac key
        assertEquals("sha256=4c45946b9e581c05bb9758ca1053b62dbf8b5e873086b2cfcd015057632c94e7",
                WebhookSignature.sign("key", NOW.getEpochSecond(), "{\"a\":1}"));
        String header = WebhookSignature.sign("key", NOW.getEpochSecond(), "{\"a\":1}");
        assertTrue(header.matches("sha256=[0-9a-f]{64}"), header);
        assertTrue(WebhookSignature.verify("key", Long.toString(NOW.getEpochSecond()), header, "{\"a\":1}", NOW,
                TOLERANCE));
    }

    @Test
    void aTamperedBodyAnotherKeyOrAMovedTimestampFail() {
        long ts = NOW.getEpochSecond();
        String header = WebhookSignature.sign("key", ts, "{\"a\":1}");
        assertFalse(WebhookSignature.verify("key", Long.toString(ts), header, "{\"a\":2}", NOW, TOLERANCE));
        assertFalse(WebhookSignature.verify("other", Long.toString(ts), header, "{\"a\":1}", NOW, TOLERANCE));
        assertFalse(WebhookSignature.verify("key", Long.toString(ts + 1), header, "{\"a\":1}", NOW, TOLERANCE),
                "the timestamp is inside the MAC");
        assertFalse(WebhookSignature.verify("key", null, header, "{\"a\":1}", NOW, TOLERANCE));
    }

    @Test
    void anOldDeliveryIsAReplay() {
        long old = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
        String header = WebhookSignature.sign("key", old, "{}");
        assertFalse(WebhookSignature.verify("key", Long.toString(old), header, "{}", NOW, TOLERANCE));
    }
}
