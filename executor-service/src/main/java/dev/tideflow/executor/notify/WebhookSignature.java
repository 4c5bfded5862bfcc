package dev.tideflow.executor.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How a notification is signed: {@code X-Tideflow-Signature: sha256=<hex>} where the hex is the HMAC-SHA256, keyed
 * by the signing secret, of {@code <timestamp>.<body>}, and {@code X-Tideflow-Timestamp} is that timestamp in epoch
 * seconds. The timestamp is inside the MAC, so a receiver that refuses old timestamps refuses replays; it should
 * also remember {@code X-Tideflow-Delivery} (the decision id) to drop a redelivered outcome.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Tideflow-Signature";
    public static final String TIMESTAMP_HEADER = "X-Tideflow-Timestamp";
    public static final String DELIVERY_HEADER = "X-Tideflow-Delivery";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The value of {@link #SIGNATURE_HEADER} for {@code body} sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /**
     * What a receiver does: the signature matches (compared in constant time) and the timestamp is within
     * {@code tolerance} of {@code now}.
     */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, String body,
            Instant now, Duration tolerance) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
