package dev.tideflow.config.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The root key, kept outside the database (a file or an environment variable). It only ever seals and unseals
 * the key-encryption keys stored in the database, and derives the key of the audit digests, so a database dump
 * without it reveals no secret.
 */
public final class MasterKey {

    private static final String KEK_LABEL = "tideflow/config/kek";
    private static final byte[] DIGEST_LABEL = "tideflow/config/audit-digest/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final byte[] digestKey;

    private MasterKey(byte[] key) {
        this.key = key;
        this.digestKey = hmac(key, DIGEST_LABEL);
    }

    /**
     * @param base64 a 256-bit key in standard or url-safe base64 (surrounding white space ignored)
     * @param source where it came from, for the error message
     */
    public static MasterKey fromBase64(String base64, String source) {
        if (base64 == null || base64.isBlank()) {
            throw new SecretCryptoException("master key from " + source + " is empty");
        }
        byte[] key;
        try {
            String text = base64.strip();
            key = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new SecretCryptoException("master key from " + source + " is not valid base64");
        }
        if (key.length != AesGcm.KEY_BYTES) {
            throw new SecretCryptoException("master key from " + source + " is " + key.length
                    + " bytes; it must be 32 (256 bits, e.g. `openssl rand -base64 32`)");
        }
        return new MasterKey(key);
    }

    /** A fresh random key in standard base64, for generating a local key. */
    public static String generateBase64() {
        return Base64.getEncoder().encodeToString(AesGcm.randomKey());
    }

    /** New random key material for a key-encryption key. */
    public static byte[] newKek() {
        return AesGcm.randomKey();
    }

    /** Seals KEK {@code version}; the version is associated data, so a sealed KEK cannot pose as another one. */
    public String sealKek(int version, byte[] kek) {
        return Base64.getEncoder().encodeToString(AesGcm.seal(key, kek, kekLabel(version)));
    }

    public byte[] unsealKek(int version, String sealed) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new SecretCryptoException("stored key version " + version + " is not valid base64");
        }
        try {
            return AesGcm.open(key, blob, kekLabel(version));
        } catch (AEADBadTagException e) {
            throw new SecretCryptoException("stored key version " + version + " does not open with this master"
                    + " key: the master key is wrong or the stored key was altered", e);
        }
    }

    /**
     * A keyed digest of a secret value for the audit log: equal values give equal digests, so an auditor sees
     * whether a secret really changed, but without the master key nobody can test guesses against it the way a
     * plain SHA-256 of a short password allows.
     */
    public String auditDigest(String value) {
        return "hmac-sha256:" + HexFormat.of().formatHex(hmac(digestKey, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] kekLabel(int version) {
        return (KEK_LABEL + "/" + version).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new SecretCryptoException("HMAC-SHA256 is unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey{****}";
    }
}
