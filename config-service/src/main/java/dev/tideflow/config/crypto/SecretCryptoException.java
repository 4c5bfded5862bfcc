package dev.tideflow.config.crypto;

/**
 * A secret could not be encrypted, decrypted or rewrapped. The message names the reason (malformed input, unknown
 * key version, failed authentication) and never contains key material or plaintext.
 */
public class SecretCryptoException extends RuntimeException {

    public SecretCryptoException(String message) {
        super(message);
    }

    public SecretCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
