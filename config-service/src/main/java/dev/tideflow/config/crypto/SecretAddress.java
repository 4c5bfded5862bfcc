package dev.tideflow.config.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a secret lives: its scope path ({@code global}, {@code service/executor}, …) and key. It is part of the
 * associated data of both encryptions, so a ciphertext copied to another scope or key fails to decrypt.
 */
public record SecretAddress(String scopePath, String key) {

    public SecretAddress {
        Objects.requireNonNull(scopePath, "scopePath");
        Objects.requireNonNull(key, "key");
    }

    /** Length-prefixed fields after a domain label, so no two different inputs give the same bytes. */
    byte[] associatedData(String label, int... numbers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, label.getBytes(StandardCharsets.UTF_8));
        for (int number : numbers) {
            field(out, Integer.toString(number).getBytes(StandardCharsets.US_ASCII));
        }
        field(out, scopePath.getBytes(StandardCharsets.UTF_8));
        field(out, key.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    @Override
    public String toString() {
        return scopePath + "/" + key;
    }
}
