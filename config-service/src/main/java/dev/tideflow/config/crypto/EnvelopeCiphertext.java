package dev.tideflow.config.crypto;

import java.util.Base64;

/**
 * The stored form of a secret: {@code tfenc:v1:<kekVersion>:<wrappedKey>:<nonce>:<ciphertext>}, binary fields in
 * unpadded base64url. {@code wrappedKey} is the value's own data key sealed by key-encryption key
 * {@code kekVersion} ({@code nonce || AES-GCM(dataKey) || tag}); {@code nonce} and {@code ciphertext} are the value
 * encrypted with that data key. Naming the version in the text lets a reader pick the right key and lets the
 * service count and rewrap what each version protects.
 */
public record EnvelopeCiphertext(int kekVersion, byte[] wrappedKey, byte[] nonce, byte[] ciphertext) {

    public static final String PREFIX = "tfenc";
    public static final String FORMAT_VERSION = "v1";
    static final int WRAPPED_KEY_BYTES = AesGcm.NONCE_BYTES + AesGcm.KEY_BYTES + AesGcm.TAG_BYTES;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public static boolean looksEncrypted(String text) {
        return text != null && text.startsWith(PREFIX + ":");
    }

    /** Checks the shape only; authenticity is checked by decryption. */
    public static EnvelopeCiphertext parse(String text) {
        if (text == null) {
            throw new SecretCryptoException("ciphertext is missing");
        }
        String[] fields = text.split(":", -1);
        if (fields.length != 6 || !PREFIX.equals(fields[0])) {
            throw new SecretCryptoException("ciphertext is not in the " + PREFIX + ":" + FORMAT_VERSION
                    + ":<kekVersion>:<wrappedKey>:<nonce>:<ciphertext> format (" + fields.length + " fields)");
        }
        if (!FORMAT_VERSION.equals(fields[1])) {
            throw new SecretCryptoException("unsupported ciphertext format version '" + clip(fields[1]) + "'");
        }
        int kekVersion;
        try {
            kekVersion = Integer.parseInt(fields[2]);
        } catch (NumberFormatException e) {
            throw new SecretCryptoException("key version '" + clip(fields[2]) + "' is not a number");
        }
        if (kekVersion < 1) {
            throw new SecretCryptoException("key version must be at least 1, got " + kekVersion);
        }
        byte[] wrappedKey = decode("wrapped key", fields[3]);
        byte[] nonce = decode("nonce", fields[4]);
        byte[] ciphertext = decode("ciphertext", fields[5]);
        if (wrappedKey.length != WRAPPED_KEY_BYTES) {
            throw new SecretCryptoException("wrapped key is " + wrappedKey.length + " bytes, expected "
                    + WRAPPED_KEY_BYTES + " (truncated?)");
        }
        if (nonce.length != AesGcm.NONCE_BYTES) {
            throw new SecretCryptoException("nonce is " + nonce.length + " bytes, expected " + AesGcm.NONCE_BYTES);
        }
        if (ciphertext.length < AesGcm.TAG_BYTES) {
            throw new SecretCryptoException("ciphertext is " + ciphertext.length
                    + " bytes, shorter than its authentication tag (truncated?)");
        }
        return new EnvelopeCiphertext(kekVersion, wrappedKey, nonce, ciphertext);
    }

    public String format() {
        return PREFIX + ":" + FORMAT_VERSION + ":" + kekVersion + ":" + ENCODER.encodeToString(wrappedKey) + ":"
                + ENCODER.encodeToString(nonce) + ":" + ENCODER.encodeToString(ciphertext);
    }

    private static byte[] decode(String field, String text) {
        try {
            return DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new SecretCryptoException(field + " is not valid base64url");
        }
    }

    private static String clip(String text) {
        return text.length() <= 16 ? text : text.substring(0, 16) + "…";
    }
}
