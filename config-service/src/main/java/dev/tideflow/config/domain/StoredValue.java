package dev.tideflow.config.domain;

import dev.tideflow.config.crypto.ValueDigest;

/**
 * A value as it is written to the database: the text itself, or for a secret its ciphertext with the key version
 * it is under and the keyed digest of the plaintext.
 */
public record StoredValue(String stored, boolean secret, Integer kekVersion, String digest) {

    public static StoredValue plain(String value) {
        return new StoredValue(value, false, null, ValueDigest.sha256(value));
    }

    public static StoredValue secret(String ciphertext, int kekVersion, String digest) {
        return new StoredValue(ciphertext, true, kekVersion, digest);
    }
}
